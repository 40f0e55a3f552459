import LLMLoadMetrics
import LLMLoadReport
import Testing

@Suite struct RunWarningTests {
    /// The fixture summary sending at `sentPerS` over 100 requests, under `load`.
    private func summary(sentPerS: Double, load: RunSummary.Load) -> RunSummary {
        var summary = SummaryWriterTests.summary
        summary.load = load
        summary.requests.total = 100
        summary.throughput.sentPerS = sentPerS
        return summary
    }

    @Test func anOpenLoopSendingBelowItsRateIsWarnedAbout() {
        let load = SummaryWriterTests.summary.load
        #expect(
            RunWarning.detect(in: summary(sentPerS: 12, load: load)) == [
                .sentBelowOffered(sentPerS: 12, offeredPerS: 20)
            ])
        #expect(RunWarning.detect(in: summary(sentPerS: 19.5, load: load)).isEmpty)
    }

    @Test func aClosedLoopOffersNoRateSoIsNeverBelowIt() {
        let load = RunSummary.Load(
            pattern: "concurrency@8", offeredRatePerS: nil, durationS: 10, timeoutS: 300, drainTimeoutS: 30,
            stream: true, concurrency: 8, thinkTimeS: 0)
        #expect(RunWarning.detect(in: summary(sentPerS: 3, load: load)).isEmpty)
    }
}
