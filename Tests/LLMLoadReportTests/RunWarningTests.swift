import LLMLoadCore
import LLMLoadMetrics
import LLMLoadReport
import Testing

@Suite struct RunWarningTests {
    /// The fixture summary sending at `sentPerS` over 100 requests, under `load`.
    private func summary(sentPerS: Double, load: RunDescription.Load) -> RunSummary {
        var summary = SummaryWriterTests.summary
        summary.runDescription.load = load
        summary.requests.total = 100
        summary.throughput.sentPerS = sentPerS
        return summary
    }

    @Test func anOpenLoopSendingBelowItsRateIsWarnedAbout() {
        let load = SummaryWriterTests.summary.runDescription.load
        #expect(
            RunWarning.detect(in: summary(sentPerS: 12, load: load)) == [
                .sentBelowOffered(sentPerS: 12, offeredPerS: 20)
            ])
        #expect(RunWarning.detect(in: summary(sentPerS: 19.5, load: load)).isEmpty)
    }

    @Test func aClosedLoopOffersNoRateSoIsNeverBelowIt() {
        let load = RunDescription.Load(
            pattern: "concurrency@8", concurrency: 8, thinkTimeS: 0, durationS: 10, drainTimeoutS: 30)
        #expect(RunWarning.detect(in: summary(sentPerS: 3, load: load)).isEmpty)
    }
}

@Suite struct InputTokenWarningTests {
    @Test func promptsTheServerCutAreWarnedAboutWithTheirIndexes() {
        var summary = SummaryWriterTests.summary
        var comparison = InputTokenComparison()
        let now = ContinuousClock.now
        for index in 0..<10 {
            comparison.add(
                RequestRecord(
                    index: index, scheduledAt: now, finishedAt: now, outcome: .ok,
                    promptTokens: TokenCount(index < 3 ? 2048 : 4090, source: .server), targetPromptTokens: 4096))
        }
        summary.inputTokens = .init(comparison: comparison)
        summary.runDescription.requests.inputTokens = "4096"
        let warnings = RunWarning.detect(in: summary)
        #expect(warnings.contains(.promptsShorterThanAsked(count: 3, requests: 10, first: [0, 1, 2])))
        let english = ConsoleSummary.warnings(summary).joined(separator: "\n")
        #expect(english.contains("3 of 10 prompts were shorter than asked"))
        #expect(english.contains("#0, #1, #2"))
        #expect(
            RunWarning.promptsShorterThanAsked(count: 3, requests: 10, first: [0]).text(.zh).contains("3/10 个提示词比要求的短"))
        let console = ConsoleSummary.render(summary, folder: nil)
        #expect(
            console.contains(
                "Input      target 4096 tokens: 7 of 10 server counts within 2 % (off by -2048…-6 tokens), 3 shorter"))
    }
}
