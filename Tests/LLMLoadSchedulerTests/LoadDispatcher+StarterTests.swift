import LLMLoadScheduler
import LLMLoadTestSupport
import Synchronization
import Testing

/// The open loop with a starter (no task per request), on a manual clock: the same schedule,
/// limits, drain and stops as with a task per request.
@Suite(.timeLimit(.minutes(1)))
struct LoadDispatcherStarterTests {
    /// Records every start and holds each request open until the test ends it, or a cancel.
    final class Target: Sendable {
        private struct State {
            var starts: [(index: Int, at: ManualClock.Instant, scheduledAt: ManualClock.Instant)] = []
            var open: [@Sendable () -> Void] = []
            var cancels = 0
        }

        private let state = Mutex(State())
        let clock: ManualClock

        init(clock: ManualClock) {
            self.clock = clock
        }

        var starter: LoadDispatcher<ManualClock>.Starter {
            .init(
                start: { [self] dispatch, ended in
                    state.withLock {
                        $0.starts.append((dispatch.index, clock.now, dispatch.scheduledAt))
                        $0.open.append(ended)
                    }
                },
                cancelAll: { [self] in
                    let open = state.withLock { state in
                        state.cancels += 1
                        defer { state.open = [] }
                        return state.open
                    }
                    for ended in open { ended() }
                })
        }

        /// Ends every request started so far, as their answers ending would.
        func endAll() {
            let open = state.withLock { state in
                defer { state.open = [] }
                return state.open
            }
            for ended in open { ended() }
        }

        var count: Int { state.withLock { $0.starts.count } }
        var cancels: Int { state.withLock { $0.cancels } }
        var starts: [(index: Int, at: ManualClock.Instant, scheduledAt: ManualClock.Instant)] {
            state.withLock { $0.starts }
        }
    }

    @Test func startsEachRequestAtItsInstantWithoutWaitingForEarlierOnes() async {
        let clock = ManualClock()
        let target = Target(clock: clock)
        let dispatcher = LoadDispatcher(clock: clock, limits: .init(duration: .seconds(1), drainTimeout: .seconds(5)))
        async let report = dispatcher.run(
            ConstantRateSchedule(ratePerSecond: 10), startingAt: clock.now, starter: target.starter)
        #expect(await ManualClock.settle { target.count == 1 })
        for step in 1..<10 {
            #expect(await ManualClock.settle { clock.sleeperCount == 1 })
            #expect(target.count == step, "request \(step) went early")
            clock.advance(by: .milliseconds(100))
            #expect(await ManualClock.settle { target.count == step + 1 })
            #expect(dispatcher.gauge.inFlight == step + 1, "none has ended, and the next still went out")
        }
        // Request 10 would be due at 1 s, the duration: not sent. Only the drain's timer waits.
        clock.advance(by: .milliseconds(100))
        #expect(await ManualClock.settle { clock.sleeperCount == 1 })
        target.endAll()
        let result = await report
        #expect(result == .init(dispatched: 10, stopReason: .durationReached, cancelledInFlight: false))
        #expect(target.cancels == 0)
        #expect(target.starts.map(\.index) == Array(0..<10))
        #expect(target.starts.map(\.at.offset) == (0..<10).map { .milliseconds(100) * $0 })
        #expect(target.starts.map(\.scheduledAt.offset) == (0..<10).map { .milliseconds(100) * $0 })
    }

    @Test func stopsAtTheRequestLimit() async {
        let clock = ManualClock()
        let target = Target(clock: clock)
        let dispatcher = LoadDispatcher(
            clock: clock, limits: .init(duration: .seconds(100), maximumRequests: 3, drainTimeout: .seconds(5)))
        async let report = dispatcher.run(
            ConstantRateSchedule(ratePerSecond: 10), startingAt: clock.now, starter: target.starter)
        for _ in 0..<3 {
            #expect(await ManualClock.settle { clock.sleeperCount == 1 || target.count == 3 })
            clock.advance(by: .milliseconds(100))
        }
        #expect(await ManualClock.settle { target.count == 3 })
        target.endAll()
        let result = await report
        #expect(result == .init(dispatched: 3, stopReason: .requestLimitReached, cancelledInFlight: false))
    }

    @Test func aDrainOutOfTimeCancelsWhatIsInFlightAndWaitsForItToEnd() async {
        let clock = ManualClock()
        let target = Target(clock: clock)
        let dispatcher = LoadDispatcher(
            clock: clock, limits: .init(duration: .milliseconds(150), drainTimeout: .seconds(2)))
        async let report = dispatcher.run(
            ConstantRateSchedule(ratePerSecond: 10), startingAt: clock.now, starter: target.starter)
        #expect(await ManualClock.settle { clock.sleeperCount == 1 })
        clock.advance(by: .milliseconds(100))
        #expect(await ManualClock.settle { target.count == 2 && clock.sleeperCount == 1 })
        // The next request (200 ms) is past the 150 ms duration: the drain's timer starts.
        clock.advance(by: .milliseconds(100))
        #expect(await ManualClock.settle { clock.sleeperCount == 1 })
        clock.advance(by: .milliseconds(1999))
        #expect(dispatcher.gauge.inFlight == 2)
        #expect(target.cancels == 0, "cancelled before the drain's deadline")
        clock.advance(by: .milliseconds(1))
        let result = await report
        #expect(result == .init(dispatched: 2, stopReason: .durationReached, cancelledInFlight: true))
        #expect(target.cancels == 1)
        #expect(dispatcher.gauge.inFlight == 0)
    }

    @Test func firstStopEndsSendingAndTheSecondCancels() async {
        let clock = ManualClock()
        let target = Target(clock: clock)
        let dispatcher = LoadDispatcher(
            clock: clock, limits: .init(duration: .seconds(100), drainTimeout: .seconds(60)))
        async let report = dispatcher.run(
            ConstantRateSchedule(ratePerSecond: 10), startingAt: clock.now, starter: target.starter)
        #expect(await ManualClock.settle { target.count == 1 && clock.sleeperCount == 1 })
        #expect(dispatcher.stop.request() == .stopSending)
        let drainDeadline = clock.now.advanced(by: .seconds(60))
        #expect(await ManualClock.settle { clock.sleeperDeadlines == [drainDeadline] })
        clock.advance(by: .seconds(1))
        #expect(target.count == 1)
        #expect(target.cancels == 0)
        #expect(dispatcher.stop.request() == .stopNow)
        let result = await report
        #expect(result == .init(dispatched: 1, stopReason: .interrupted, cancelledInFlight: true))
        #expect(target.cancels == 1)
    }

    /// Sending ended on its own, then the user stopped during the drain: an interrupted run.
    @Test func aStopDuringTheDrainReportsAnInterruptedRun() async {
        let clock = ManualClock()
        let target = Target(clock: clock)
        let dispatcher = LoadDispatcher(
            clock: clock, limits: .init(duration: .milliseconds(50), drainTimeout: .seconds(60)))
        async let report = dispatcher.run(
            ConstantRateSchedule(ratePerSecond: 10), startingAt: clock.now, starter: target.starter)
        let drainDeadline = clock.now.advanced(by: .seconds(60))
        #expect(await ManualClock.settle { target.count == 1 && clock.sleeperDeadlines == [drainDeadline] })
        dispatcher.stop.request()
        #expect(await ManualClock.settle { target.count == 1 && clock.sleeperDeadlines == [drainDeadline] })
        target.endAll()
        let result = await report
        #expect(result == .init(dispatched: 1, stopReason: .interrupted, cancelledInFlight: false))
        #expect(target.cancels == 0)
    }
}
