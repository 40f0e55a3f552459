import LLMLoadCore
import Testing

/// What a server says it measured is kept only where it can be a measurement.
@Suite struct ServerTimingsTests {
    @Test func negativeDurationsAndRatesAreLeftOutAndTheRestKept() {
        let timings = ServerTimings(
            totalDurationNanoseconds: 5, loadDurationNanoseconds: -1, promptEvalDurationNanoseconds: 0,
            evalDurationNanoseconds: .min, promptTokensPerSecond: -5, decodeTokensPerSecond: 12.5)
        #expect(timings.totalDurationNanoseconds == 5)
        #expect(timings.loadDurationNanoseconds == nil)
        #expect(timings.promptEvalDurationNanoseconds == 0)
        #expect(timings.evalDurationNanoseconds == nil)
        #expect(timings.promptTokensPerSecond == nil)
        #expect(timings.decodeTokensPerSecond == 12.5)
    }

    @Test(arguments: [Double.infinity, -.infinity, .nan, 1e308])
    func aRateMustBeFinite(rate: Double) {
        let kept = ServerTimings(decodeTokensPerSecond: rate).decodeTokensPerSecond
        #expect(kept == (rate.isFinite && rate >= 0 ? rate : nil))
    }
}
