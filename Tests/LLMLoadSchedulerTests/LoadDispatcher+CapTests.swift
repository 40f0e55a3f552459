import LLMLoadScheduler
import LLMLoadTestSupport
import Synchronization
import Testing

/// The open loop under `--max-in-flight` on a manual clock: requests due while the cap is reached
/// wait, in order, for the end of a request; no test here sleeps.
@Suite(.timeLimit(.minutes(1)))
struct CappedOpenLoopDispatcherTests {
    /// Records every send and holds each request open until the test ends it, at an end instant
    /// the test chooses (so the tests see that the instant `send` returns frees the slot).
    final class Target: Sendable {
        struct Send: Equatable {
            var index: Int
            var at: Duration
            var scheduledAt: Duration
            var queueEndedAt: Duration?
        }

        let sends = Mutex<[Send]>([])
        let ends = Mutex<[Int: (latch: Latch, at: Duration)]>([:])
        /// The most requests inside `send` at once.
        let peak = Mutex((now: 0, peak: 0))
        let clock: ManualClock

        init(clock: ManualClock) {
            self.clock = clock
        }

        private func entry(_ index: Int) -> (latch: Latch, at: Duration) {
            ends.withLock { entries in
                if let entry = entries[index] { return entry }
                let entry = (latch: Latch(), at: Duration.zero)
                entries[index] = entry
                return entry
            }
        }

        func send(_ dispatch: LoadDispatcher<ManualClock>.Dispatch) async -> ManualClock.Instant {
            peak.withLock {
                $0.now += 1
                $0.peak = max($0.peak, $0.now)
            }
            sends.withLock {
                $0.append(
                    Send(
                        index: dispatch.index, at: clock.now.offset, scheduledAt: dispatch.scheduledAt.offset,
                        queueEndedAt: dispatch.queueEndedAt?.offset))
            }
            await entry(dispatch.index).latch.wait()
            peak.withLock { $0.now -= 1 }
            return ManualClock.Instant(offset: entry(dispatch.index).at)
        }

        /// Ends request `index`, which says it ended at `at`.
        func end(_ index: Int, at: Duration) {
            let latch = ends.withLock { entries in
                let latch = entries[index]?.latch ?? Latch()
                entries[index] = (latch, at)
                return latch
            }
            latch.set()
        }

        var count: Int { sends.withLock { $0.count } }
        func sent(_ index: Int) -> Send? { sends.withLock { $0.first { $0.index == index } } }
    }

    @Test func aRequestDueAtTheCapWaitsForTheEndOfOneAndRecordsWhen() async {
        let clock = ManualClock()
        let target = Target(clock: clock)
        let dispatcher = LoadDispatcher(
            clock: clock, limits: .init(duration: .seconds(1), drainTimeout: .seconds(30)))
        async let report = dispatcher.run(
            ConstantRateSchedule(ratePerSecond: 10), maximumInFlight: 2, startingAt: clock.now
        ) { await target.send($0) }
        #expect(await ManualClock.settle { target.count == 1 })
        clock.advance(by: .milliseconds(100))
        #expect(await ManualClock.settle { target.count == 2 })
        // Request 2 is due at 200 ms with two in flight: it waits (only the duration's end sleeps).
        clock.advance(by: .milliseconds(100))
        #expect(await ManualClock.settle { clock.sleeperCount == 1 })
        clock.advance(by: .milliseconds(150))
        #expect(await ManualClock.settle { clock.sleeperCount == 1 })
        #expect(target.count == 2, "sent past the cap")
        // Request 0 says it ended at 300 ms (the test's clock reads 350): request 2 left the queue then.
        target.end(0, at: .milliseconds(300))
        #expect(await ManualClock.settle { target.count == 3 })
        #expect(
            target.sent(2)
                == .init(
                    index: 2, at: .milliseconds(350), scheduledAt: .milliseconds(200), queueEndedAt: .milliseconds(300))
        )
        // Request 3 (due 300 ms) waits too; a slot freed at 250 ms, before it was due, costs it no wait.
        #expect(await ManualClock.settle { clock.sleeperCount == 1 })
        target.end(1, at: .milliseconds(250))
        #expect(await ManualClock.settle { target.count == 4 })
        #expect(target.sent(3)?.queueEndedAt == .milliseconds(300), "no wait: the queue ended when it was due")
        // Request 4 (due 400 ms) is still waiting when the duration ends: it is never sent.
        clock.advance(by: .milliseconds(50))
        #expect(await ManualClock.settle { clock.sleeperCount == 1 })
        clock.advance(by: .milliseconds(600))
        #expect(await ManualClock.settle { clock.sleeperDeadlines == [.init(offset: .seconds(31))] }, "the drain")
        target.end(2, at: .seconds(1))
        target.end(3, at: .seconds(1))
        #expect(await report == .init(dispatched: 4, stopReason: .durationReached, cancelledInFlight: false))
        #expect(target.count == 4)
        #expect(target.sent(0)?.queueEndedAt == .zero && target.sent(1)?.queueEndedAt == .milliseconds(100))
        #expect(target.peak.withLock { $0.peak } == 2)
    }

    @Test func withoutACapNothingWaitsAndNoQueueIsRecorded() async {
        let clock = ManualClock()
        let target = Target(clock: clock)
        let dispatcher = LoadDispatcher(
            clock: clock, limits: .init(duration: .seconds(1), maximumRequests: 3, drainTimeout: .seconds(30)))
        async let report = dispatcher.run(
            ConstantRateSchedule(ratePerSecond: 10), maximumInFlight: nil, startingAt: clock.now
        ) { await target.send($0) }
        for step in 1...2 {
            #expect(await ManualClock.settle { target.count == step })
            clock.advance(by: .milliseconds(100))
        }
        #expect(await ManualClock.settle { target.count == 3 })
        for index in 0..<3 { target.end(index, at: .seconds(2)) }
        #expect(await report == .init(dispatched: 3, stopReason: .requestLimitReached, cancelledInFlight: false))
        #expect(target.sends.withLock { $0.allSatisfy { $0.queueEndedAt == nil } })
        #expect(target.peak.withLock { $0.peak } == 3)
    }
}
