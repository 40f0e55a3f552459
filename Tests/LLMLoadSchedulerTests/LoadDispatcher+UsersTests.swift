import LLMLoadScheduler
import LLMLoadTestSupport
import Synchronization
import Testing

/// Which user the closed loop hands each request to: a conversation's next turn must go to the
/// user whose answer it follows.
@Suite(.timeLimit(.minutes(1)))
struct ClosedLoopUsersTests {
    @Test func eachNextRequestGoesToTheUserWhoseRequestEnded() async {
        let clock = ManualClock()
        let target = ClosedLoopDispatcherTests.Target(clock: clock)
        let users = Mutex<[Int: Int]>([:])
        let dispatcher = LoadDispatcher(
            clock: clock, limits: .init(duration: .seconds(100), drainTimeout: .seconds(30)))
        async let report = dispatcher.runClosedLoop(users: 3, startingAt: clock.now) {
            (dispatch: LoadDispatcher<ManualClock>.Dispatch) in
            users.withLock { $0[dispatch.index] = dispatch.user }
            await target.send(index: dispatch.index, scheduledAt: dispatch.scheduledAt)
        }
        #expect(await ManualClock.settle { target.count == 3 })
        #expect(users.withLock { $0 } == [0: 0, 1: 1, 2: 2])
        target.end(1)
        #expect(await ManualClock.settle { target.count == 4 })
        #expect(users.withLock { $0[3] } == 1, "request 3 follows request 1, sent by user 1")
        target.end(2)
        #expect(await ManualClock.settle { target.count == 5 })
        #expect(users.withLock { $0[4] } == 2)
        target.end(3)
        #expect(await ManualClock.settle { target.count == 6 })
        #expect(users.withLock { $0[5] } == 1, "user 1's third request, after its second ended")
        dispatcher.stop.request()
        for index in [0, 4, 5] { target.end(index) }
        let result = await report
        #expect(result.dispatched == 6)
    }
}
