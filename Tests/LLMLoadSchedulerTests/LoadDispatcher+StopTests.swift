import LLMLoadScheduler
import LLMLoadTestSupport
import Synchronization
import Testing

/// A stop ends sending at once, even when a request ends right after it and frees the user or
/// the slot that the next request was waiting for. The race is a matter of which job runs first,
/// so each case is run many times; a follower that went out ends at once, so a failure shows as
/// a count, never as a hang.
@Suite(.timeLimit(.minutes(1)))
struct LoadDispatcherStopTests {
    typealias Dispatcher = LoadDispatcher<ManualClock>

    /// Request 0 waits for `firstEnds`; every later one ends at once.
    final class Target: Sendable {
        let firstEnds = Latch()
        let sent = Mutex(0)

        func send(_ index: Int) async {
            sent.withLock { $0 += 1 }
            if index == 0 { await firstEnds.wait() }
        }
    }

    @Test func aUserFreedAfterAStopSendsNothingMore() async {
        await Self.race { dispatcher, target, clock in
            await dispatcher.runClosedLoop(users: 1, startingAt: clock.now) { (dispatch: Dispatcher.Dispatch) in
                await target.send(dispatch.index)
            }
        }
    }

    @Test func aSlotFreedAfterAStopSendsNothingMore() async {
        await Self.race { dispatcher, target, clock in
            await dispatcher.run(
                ConstantRateSchedule(ratePerSecond: 1000), maximumInFlight: 1, startingAt: clock.now
            ) { dispatch in
                await target.send(dispatch.index)
                return clock.now
            }
        } beforeStop: { clock in
            // Request 1 is due and waits for the one slot.
            clock.advance(by: .milliseconds(1))
            #expect(await ManualClock.settle { clock.sleeperCount == 1 }, "only the duration's end sleeps")
        }
    }

    /// 200 rounds of: `run` starts, request 0 goes out, `beforeStop`, a stop, then request 0
    /// ends. Every round must have sent request 0 alone.
    private static func race(
        _ run: @escaping @Sendable (Dispatcher, Target, ManualClock) async -> Dispatcher.Report,
        beforeStop: (ManualClock) async -> Void = { _ in }
    ) async {
        for round in 0..<200 {
            let clock = ManualClock()
            let target = Target()
            let dispatcher = LoadDispatcher(
                clock: clock, limits: .init(duration: .seconds(100), drainTimeout: .seconds(30)))
            async let report = run(dispatcher, target, clock)
            #expect(await ManualClock.settle { target.sent.withLock { $0 } == 1 })
            await beforeStop(clock)
            dispatcher.stop.request()
            target.firstEnds.set()
            let result = await report
            #expect(
                result == .init(dispatched: 1, stopReason: .interrupted, cancelledInFlight: false), "round \(round)")
            if result.dispatched != 1 { return }
        }
    }
}
