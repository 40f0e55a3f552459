import LLMLoadScheduler
import Testing

@Suite struct ConstantRateScheduleTests {
    @Test(arguments: [0.5, 1, 3, 20, 500, 7919.5])
    func offsetsAreExactMultiplesOfTheInterval(rate: Double) {
        var schedule = ConstantRateSchedule(ratePerSecond: rate)
        for index in 0..<10_000 {
            let expected = Duration.nanoseconds(Int64((Double(index) * 1e9 / rate).rounded()))
            #expect(schedule.nextOffset() == expected)
        }
    }

    @Test func offsetsDoNotDriftOverAMillionRequests() {
        var schedule = ConstantRateSchedule(ratePerSecond: 3)
        var last = Duration.zero
        for _ in 0..<1_000_000 { last = schedule.nextOffset()! }
        // Request 999 999 at 3/s is due at 333 333 s exactly; accumulation would have drifted.
        #expect(last == .seconds(333_333))
    }

    @Test func labelNamesPatternAndRate() {
        #expect(ConstantRateSchedule(ratePerSecond: 5).label == "constant@5.00")
        #expect(ConstantRateSchedule(ratePerSecond: 0.125).label == "constant@0.13")
        #expect(ConstantRateSchedule(ratePerSecond: 1234.5).label == "constant@1234.50")
    }
}
