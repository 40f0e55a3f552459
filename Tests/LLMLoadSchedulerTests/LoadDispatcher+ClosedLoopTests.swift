import LLMLoadScheduler
import LLMLoadTestSupport
import Synchronization
import Testing

/// The dispatcher's closed loop on a manual clock: no test here sleeps.
@Suite(.timeLimit(.minutes(1)))
struct ClosedLoopDispatcherTests {
    /// Records every send and holds each request open until the test ends it.
    final class Target: Sendable {
        struct Send: Equatable {
            var index: Int
            var at: Duration
            var scheduledAt: Duration
        }

        let sends = Mutex<[Send]>([])
        let ends = Mutex<[Int: Latch]>([:])
        let cancelled = Mutex(0)
        /// The most requests inside `send` at once.
        let peak = Mutex((now: 0, peak: 0))
        let clock: ManualClock
        let endsAtOnce: Bool

        init(clock: ManualClock, endsAtOnce: Bool = false) {
            self.clock = clock
            self.endsAtOnce = endsAtOnce
        }

        private func latch(_ index: Int) -> Latch {
            ends.withLock { latches in
                if let latch = latches[index] { return latch }
                let latch = Latch()
                latches[index] = latch
                return latch
            }
        }

        func send(index: Int, scheduledAt: ManualClock.Instant) async {
            peak.withLock {
                $0.now += 1
                $0.peak = max($0.peak, $0.now)
            }
            sends.withLock { $0.append(Send(index: index, at: clock.now.offset, scheduledAt: scheduledAt.offset)) }
            if !endsAtOnce { await latch(index).wait() }
            if Task.isCancelled { cancelled.withLock { $0 += 1 } }
            peak.withLock { $0.now -= 1 }
        }

        func end(_ index: Int) { latch(index).set() }
        var count: Int { sends.withLock { $0.count } }
        func sent(_ index: Int) -> Send? { sends.withLock { $0.first { $0.index == index } } }
    }

    private func dispatcher(
        _ clock: ManualClock, duration: Duration = .seconds(100), maximumRequests: Int? = nil
    ) -> LoadDispatcher<ManualClock> {
        LoadDispatcher(
            clock: clock,
            limits: .init(duration: duration, maximumRequests: maximumRequests, drainTimeout: .seconds(30))
        )
    }

    @Test func startsOneRequestPerUserThenOneExactlyWhenEachEnds() async {
        let clock = ManualClock()
        let target = Target(clock: clock)
        let dispatcher = dispatcher(clock)
        async let report = dispatcher.runClosedLoop(users: 3, startingAt: clock.now) {
            await target.send(index: $0, scheduledAt: $1)
        }
        #expect(await ManualClock.settle { target.count == 3 })
        #expect(target.sends.withLock { $0.map(\.at) } == [.zero, .zero, .zero])
        clock.advance(by: .milliseconds(250))
        // Nothing ended: nothing more is sent, however long it takes.
        #expect(await ManualClock.settle { clock.sleeperCount == 1 })  // only the duration's end
        #expect(target.count == 3)
        target.end(1)
        #expect(await ManualClock.settle { target.count == 4 })
        #expect(target.sent(3) == .init(index: 3, at: .milliseconds(250), scheduledAt: .milliseconds(250)))
        #expect(dispatcher.gauge.inFlight == 3)
        clock.advance(by: .milliseconds(100))
        target.end(0)
        target.end(2)
        #expect(await ManualClock.settle { target.count == 6 })
        #expect(target.sent(5)?.at == .milliseconds(350))
        #expect(target.peak.withLock { $0.peak } == 3)
        dispatcher.stop.request()
        for index in 3..<6 { target.end(index) }
        let result = await report
        #expect(result == .init(dispatched: 6, stopReason: .interrupted, cancelledInFlight: false))
    }

    @Test func aUserThinksBeforeItsNextRequest() async {
        let clock = ManualClock()
        let target = Target(clock: clock)
        let dispatcher = dispatcher(clock)
        async let report = dispatcher.runClosedLoop(
            users: 2, thinkTime: .milliseconds(500), startingAt: clock.now
        ) {
            await target.send(index: $0, scheduledAt: $1)
        }
        #expect(await ManualClock.settle { target.count == 2 })
        #expect(target.sends.withLock { $0.map(\.at) } == [.zero, .zero], "no thinking before the first request")
        clock.advance(by: .milliseconds(100))
        target.end(0)
        // The ticker now sleeps until 600 ms, beside the timer for the duration's end.
        #expect(await ManualClock.settle { clock.sleeperCount == 2 })
        clock.advance(by: .milliseconds(499))
        #expect(await ManualClock.settle { clock.sleeperCount == 2 })
        #expect(target.count == 2, "sent before the think time was over")
        clock.advance(by: .milliseconds(1))
        #expect(await ManualClock.settle { target.count == 3 })
        #expect(target.sent(2) == .init(index: 2, at: .milliseconds(600), scheduledAt: .milliseconds(600)))
        dispatcher.stop.request()
        dispatcher.stop.request()
        let result = await report
        #expect(result == .init(dispatched: 3, stopReason: .interrupted, cancelledInFlight: true))
        #expect(target.cancelled.withLock { $0 } == 2)
    }

    @Test func stopsAtTheRequestLimit() async {
        let clock = ManualClock()
        let target = Target(clock: clock, endsAtOnce: true)
        let dispatcher = dispatcher(clock, maximumRequests: 7)
        let result = await dispatcher.runClosedLoop(users: 2, startingAt: clock.now) {
            await target.send(index: $0, scheduledAt: $1)
        }
        #expect(result == .init(dispatched: 7, stopReason: .requestLimitReached, cancelledInFlight: false))
        #expect(target.sends.withLock { $0.map(\.index) }.sorted() == Array(0..<7))
        #expect(target.peak.withLock { $0.peak } <= 2)
    }

    @Test func theDurationEndsSendingEvenWhileEveryUserWaits() async {
        let clock = ManualClock()
        let target = Target(clock: clock)
        let dispatcher = dispatcher(clock, duration: .seconds(1))
        async let report = dispatcher.runClosedLoop(users: 1, startingAt: clock.now) {
            await target.send(index: $0, scheduledAt: $1)
        }
        #expect(await ManualClock.settle { target.count == 1 && clock.sleeperCount == 1 })
        // The duration ends while the only request runs: the drain starts now, not when it ends.
        clock.advance(by: .seconds(1))
        let drainDeadline = clock.now.advanced(by: .seconds(30))
        #expect(await ManualClock.settle { clock.sleeperDeadlines == [drainDeadline] })
        clock.advance(by: .seconds(2))
        target.end(0)
        let result = await report
        #expect(result == .init(dispatched: 1, stopReason: .durationReached, cancelledInFlight: false))
        #expect(target.count == 1, "a user freed after the duration sends nothing")
    }
}
