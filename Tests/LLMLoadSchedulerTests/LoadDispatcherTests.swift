import LLMLoadScheduler
import LLMLoadTestSupport
import Synchronization
import Testing

/// The dispatcher on a manual clock: no test here sleeps.
@Suite(.timeLimit(.minutes(1)))
struct LoadDispatcherTests {
    /// Records every send and holds each request open until the test releases it.
    final class Target: Sendable {
        let sends = Mutex<[(index: Int, at: ManualClock.Instant)]>([])
        let release = Latch()
        let cancelled = Mutex(0)
        let clock: ManualClock

        init(clock: ManualClock) {
            self.clock = clock
        }

        func send(index: Int, scheduledAt: ManualClock.Instant) async {
            sends.withLock { $0.append((index, clock.now)) }
            #expect(scheduledAt == ManualClock.Instant(offset: .milliseconds(100) * index))
            await release.wait()
            if Task.isCancelled { cancelled.withLock { $0 += 1 } }
        }

        var count: Int { sends.withLock { $0.count } }
    }

    @Test func sendsAtEachDeadlineWithoutWaitingForEarlierRequests() async {
        let clock = ManualClock()
        let target = Target(clock: clock)
        let dispatcher = LoadDispatcher(
            clock: clock, limits: .init(duration: .seconds(1), drainTimeout: .seconds(5))
        )
        async let report = dispatcher.run(ConstantRateSchedule(ratePerSecond: 10), startingAt: clock.now) {
            await target.send(index: $0, scheduledAt: $1)
        }
        #expect(await ManualClock.settle { target.count == 1 })
        for step in 1..<10 {
            #expect(await ManualClock.settle { clock.sleeperCount == 1 })
            #expect(target.count == step, "request \(step) went early")
            clock.advance(by: .milliseconds(100))
            #expect(await ManualClock.settle { target.count == step + 1 })
            // No request has finished, and the next one still went out on time.
            #expect(dispatcher.gauge.inFlight == step + 1)
        }
        // Request 10 would be due at 1 s = the duration: it is not sent.
        clock.advance(by: .milliseconds(100))
        #expect(await ManualClock.settle { clock.sleeperCount == 1 })  // now the drain timer
        target.release.set()
        let result = await report
        #expect(result == .init(dispatched: 10, stopReason: .durationReached, cancelledInFlight: false))
        let times = target.sends.withLock { $0.map(\.at.offset) }
        #expect(times == (0..<10).map { .milliseconds(100) * $0 })
    }

    @Test func stopsAtTheRequestLimit() async {
        let clock = ManualClock()
        let target = Target(clock: clock)
        target.release.set()
        let dispatcher = LoadDispatcher(
            clock: clock, limits: .init(duration: .seconds(100), maximumRequests: 3, drainTimeout: .seconds(5))
        )
        async let report = dispatcher.run(ConstantRateSchedule(ratePerSecond: 10), startingAt: clock.now) {
            await target.send(index: $0, scheduledAt: $1)
        }
        for _ in 0..<3 {
            #expect(await ManualClock.settle { clock.sleeperCount == 1 || target.count == 3 })
            clock.advance(by: .milliseconds(100))
        }
        let result = await report
        #expect(result.dispatched == 3)
        #expect(result.stopReason == .requestLimitReached)
    }

    @Test func drainCancelsRequestsStillInFlightAtItsDeadline() async {
        let clock = ManualClock()
        let target = Target(clock: clock)
        let dispatcher = LoadDispatcher(
            clock: clock, limits: .init(duration: .milliseconds(150), drainTimeout: .seconds(2))
        )
        async let report = dispatcher.run(ConstantRateSchedule(ratePerSecond: 10), startingAt: clock.now) {
            await target.send(index: $0, scheduledAt: $1)
        }
        #expect(await ManualClock.settle { clock.sleeperCount == 1 })
        clock.advance(by: .milliseconds(100))
        #expect(await ManualClock.settle { target.count == 2 && clock.sleeperCount == 1 })
        // The next request (200 ms) is past the 150 ms duration: the drain timer starts.
        clock.advance(by: .milliseconds(100))
        #expect(await ManualClock.settle { clock.sleeperCount == 1 })
        clock.advance(by: .milliseconds(1999))
        #expect(dispatcher.gauge.inFlight == 2, "cancelled before the drain deadline")
        clock.advance(by: .milliseconds(1))
        let result = await report
        #expect(result.cancelledInFlight)
        #expect(target.cancelled.withLock { $0 } == 2)
    }

    @Test func firstStopRequestEndsSendingAndDrainsSecondCancels() async {
        let clock = ManualClock()
        let target = Target(clock: clock)
        let dispatcher = LoadDispatcher(
            clock: clock, limits: .init(duration: .seconds(100), drainTimeout: .seconds(60))
        )
        async let report = dispatcher.run(ConstantRateSchedule(ratePerSecond: 10), startingAt: clock.now) {
            await target.send(index: $0, scheduledAt: $1)
        }
        #expect(await ManualClock.settle { target.count == 1 && clock.sleeperCount == 1 })
        #expect(dispatcher.stop.request() == .stopSending)
        // Sending stopped: the ticker's sleep was cancelled, only the drain timer sleeps.
        let drainDeadline = clock.now.advanced(by: .seconds(60))
        #expect(await ManualClock.settle { clock.sleeperDeadlines == [drainDeadline] })
        clock.advance(by: .seconds(1))
        #expect(target.count == 1)
        #expect(dispatcher.stop.request() == .stopNow)
        let result = await report
        #expect(result == .init(dispatched: 1, stopReason: .interrupted, cancelledInFlight: true))
        #expect(target.cancelled.withLock { $0 } == 1)
    }
}

extension LoadDispatcherTests {
    /// Sending ended on its own (the duration), then the user stopped twice during the drain:
    /// the report must say the run was interrupted, not that the duration was reached.
    @Test func stopDuringTheDrainReportsAnInterruptedRun() async {
        let clock = ManualClock()
        let target = Target(clock: clock)
        let dispatcher = LoadDispatcher(
            clock: clock, limits: .init(duration: .milliseconds(50), drainTimeout: .seconds(60))
        )
        #expect(!dispatcher.stop.loadStarted.isSet)
        async let report = dispatcher.run(ConstantRateSchedule(ratePerSecond: 10), startingAt: clock.now) {
            await target.send(index: $0, scheduledAt: $1)
        }
        // One request in flight; the next (100 ms) is past the duration: only the drain sleeps.
        let drainDeadline = clock.now.advanced(by: .seconds(60))
        #expect(await ManualClock.settle { target.count == 1 && clock.sleeperDeadlines == [drainDeadline] })
        #expect(dispatcher.stop.loadStarted.isSet)
        dispatcher.stop.request()
        dispatcher.stop.request()
        let result = await report
        #expect(result == .init(dispatched: 1, stopReason: .interrupted, cancelledInFlight: true))
    }
}
