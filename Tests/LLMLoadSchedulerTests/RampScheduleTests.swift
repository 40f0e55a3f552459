import LLMLoadCore
import LLMLoadScheduler
import Testing

/// Ramps as pure offsets (STYLE T6).
@Suite struct RampScheduleTests {
    private let ramp = RateRamp(startPerSecond: 10, endPerSecond: 500, span: .seconds(60))

    private func offsets(_ ramp: RateRamp, until end: Duration) -> [Duration] {
        var schedule = RampSchedule(ramp)
        var offsets: [Duration] = []
        while let offset = schedule.nextOffset(), offset < end { offsets.append(offset) }
        return offsets
    }

    /// How many of `offsets` fall in `[from, to)` seconds.
    private func count(_ offsets: [Duration], from: Double, to: Double) -> Int {
        offsets.filter { $0 >= .milliseconds(from * 1000) && $0 < .milliseconds(to * 1000) }.count
    }

    @Test func risesLinearlyThenHolds() {
        let offsets = offsets(ramp, until: .seconds(70))
        // Λ(60) = (10 + 500) / 2 × 60 = 15 300 in the ramp, then 500/s for 10 s.
        #expect(count(offsets, from: 0, to: 60) == 15_300)
        #expect(count(offsets, from: 60, to: 70) == 5_000)
        // Each second carries the rate at its middle: 10 + 490 × t/60, within one request.
        for second in [0, 10, 30, 59] {
            let expected = 10 + 490 * (Double(second) + 0.5) / 60
            let actual = count(offsets, from: Double(second), to: Double(second) + 1)
            #expect(abs(Double(actual) - expected) <= 1, "second \(second): \(actual), expected \(expected)")
        }
        #expect(offsets.first == .zero)
        #expect(
            offsets[1] - offsets[0] > .milliseconds(90) && offsets[1] - offsets[0] < .milliseconds(100),
            "starts near 10/s")
        #expect(zip(offsets.dropFirst(), offsets).allSatisfy { $0 > $1 })
    }

    @Test func afterTheSpanTheGapsAreExactlyTheEndRate() {
        let offsets = offsets(ramp, until: .seconds(70))
        let held = offsets.filter { $0 >= .seconds(60) }
        #expect(held.first == .seconds(60))
        // Computed from the index each time: 2 ms apart to the nanosecond, no drift.
        #expect(held.last == .seconds(60) + .milliseconds(2) * (held.count - 1))
    }

    @Test func aFallingRampWorksToo() {
        let down = RateRamp(startPerSecond: 100, endPerSecond: 10, span: .seconds(10))
        let offsets = offsets(down, until: .seconds(10))
        #expect(offsets.count == 550)
        #expect(count(offsets, from: 0, to: 1) > count(offsets, from: 9, to: 10) * 5)
    }

    @Test func expectedArrivalsAndTheirInverseAgree() {
        for n in [0.0, 1, 17.5, 1000, 15_299, 15_300, 20_000] {
            #expect(abs(ramp.expectedArrivals(by: ramp.arrivalSeconds(n)) - n) < 1e-6, "n = \(n)")
        }
    }
}
