import LLMLoadCore
import LLMLoadMetrics
import Testing

/// What the server says of each request, folded: the share of prompt tokens it served from its
/// prefix cache, and its own timings beside the client's.
@Suite struct ServerSideFiguresTests {
    let start = ContinuousClock.now

    func record(prompt: Int?, cached: Int?, timings: ServerTimings? = nil, outcome: RequestOutcome = .ok)
        -> RequestRecord
    {
        var record = RequestRecord(
            index: 0, scheduledAt: start, sentAt: start, firstTokenAt: start + .milliseconds(100),
            finishedAt: start + .milliseconds(300), outcome: outcome, outputTokens: TokenCount(11, source: .server),
            promptTokens: prompt.map { TokenCount($0, source: .server) }, serverTimings: timings)
        record.cachedPromptTokens = cached
        return record
    }

    @Test func theHitRateCountsOnlyRequestsWhoseServerSaid() {
        var aggregator = Aggregator()
        aggregator.add(record(prompt: 100, cached: 80))
        aggregator.add(record(prompt: 100, cached: 0))
        aggregator.add(record(prompt: 300, cached: nil))  // said nothing: not in the rate
        aggregator.add(record(prompt: 100, cached: 100, outcome: .httpError))  // failed: not summarised
        #expect(aggregator.cachedPromptTokens == 80)
        #expect(aggregator.promptTokensWithCacheReport == 200)
    }

    @Test func noCacheReportLeavesTheSummaryWithoutARate() {
        var aggregator = Aggregator()
        aggregator.add(record(prompt: 100, cached: nil))
        #expect(aggregator.promptTokensWithCacheReport == 0)
    }

    @Test func llamaCppsOverheadIsE2ELessItsPromptAndPredictedTime() {
        // E2E 300 ms; the server spent 40 + 250 ms: 10 ms outside its accounting.
        let llama = record(
            prompt: 10, cached: 0,
            timings: ServerTimings(promptEvalDurationNanoseconds: 40_000_000, evalDurationNanoseconds: 250_000_000))
        #expect(llama.clientSideOverhead == .milliseconds(10))
        // Ollama's total duration wins where it is sent.
        let ollama = record(
            prompt: 10, cached: nil,
            timings: ServerTimings(
                totalDurationNanoseconds: 299_000_000, promptEvalDurationNanoseconds: 1,
                evalDurationNanoseconds: 1))
        #expect(ollama.clientSideOverhead == .milliseconds(1))
        #expect(
            record(prompt: 10, cached: nil, timings: ServerTimings(evalDurationNanoseconds: 5)).clientSideOverhead
                == nil)
    }

    @Test func theServersTimingsAreDistributionsBesideTheClients() throws {
        var aggregator = Aggregator()
        aggregator.add(
            record(
                prompt: 10, cached: 0,
                timings: ServerTimings(
                    promptEvalDurationNanoseconds: 40_000_000, evalDurationNanoseconds: 250_000_000,
                    decodeTokensPerSecond: 40)))
        let distributions = aggregator.distributions
        #expect(distributions[Metric.serverDecodeSpeed.id]?.summary?.p50 ?? 0 > 39.9)
        #expect(distributions[Metric.serverPromptEvaluation.id]?.summary?.max ?? 0 > 39.9)
        #expect(distributions[Metric.clientOverhead.id]?.summary?.count == 1)
        // The client's decode speed: 10 tokens after the first in 200 ms.
        #expect(distributions[Metric.decodeSpeed.id]?.summary?.p50 ?? 0 > 49.9)
    }
}
