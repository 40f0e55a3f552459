import LLMLoadScheduler
import Testing

@Suite struct ConstantRateScheduleTests {
    @Test(arguments: [
        (0.5, Duration.seconds(2)), (1, .seconds(1)), (20, .milliseconds(50)), (500, .milliseconds(2)),
        (8000, .microseconds(125)),
    ])
    func requestIIsDueAtITimesTheInterval(rate: Double, interval: Duration) {
        var schedule = ConstantRateSchedule(ratePerSecond: rate)
        for index in 0..<10_000 {
            #expect(schedule.nextOffset() == interval * index, "request \(index)")
        }
    }

    @Test func anUnevenIntervalIsRoundedPerRequestNotAccumulated() {
        // 3/s: 333 333 333.3 ns apart. Request 1 at 333 333 333 ns, request 2 at 666 666 667 ns
        // (rounded from 666 666 666.7), request 3 at exactly 1 s.
        var schedule = ConstantRateSchedule(ratePerSecond: 3)
        let offsets = (0..<4).map { _ in schedule.nextOffset()! }
        #expect(offsets == [.zero, .nanoseconds(333_333_333), .nanoseconds(666_666_667), .seconds(1)])
    }

    @Test func offsetsDoNotDriftOverAMillionRequests() {
        var schedule = ConstantRateSchedule(ratePerSecond: 3)
        var last = Duration.zero
        for _ in 0..<1_000_000 { last = schedule.nextOffset()! }
        // Request 999 999 at 3/s is due at 333 333 s exactly; accumulation would have drifted.
        #expect(last == .seconds(333_333))
    }
}
