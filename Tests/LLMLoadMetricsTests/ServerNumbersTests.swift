import Foundation
import LLMLoadCore
import LLMLoadMetrics
import Testing

/// Numbers a server sends (token counts, latencies derived from its timings) can be anything:
/// folding them saturates or skips, never traps, and every statistic stays finite.
@Suite struct ServerNumbersTests {
    let start = ContinuousClock.now

    func record(
        outputTokens: Int? = 10, promptTokens: Int? = 20, finishReason: String? = "stop", target: Int? = nil
    ) -> RequestRecord {
        RequestRecord(
            index: 0, scheduledAt: start, sentAt: start, firstTokenAt: start + .milliseconds(100),
            finishedAt: start + .milliseconds(300), outcome: .ok, finishReason: finishReason,
            outputTokens: outputTokens.map { TokenCount($0, source: .server) },
            promptTokens: promptTokens.map { TokenCount($0, source: .server) },
            targetPromptTokens: target
        )
    }

    @Test(arguments: [Double.greatestFiniteMagnitude, 1e300, 1e19, -1e300, -5, .nan, .infinity, -.infinity])
    func aDistributionTakesAnyDoubleAndStaysFinite(value: Double) throws {
        var distribution = Distribution.milliseconds()
        distribution.record(value)
        distribution.record(1.0)
        let summary = try #require(distribution.summary)
        for figure in [summary.mean, summary.std, summary.min, summary.max, summary.p50, summary.p99_9] {
            #expect(figure.isFinite && figure >= 0)
        }
        #expect(summary.max <= Distribution.largestRecordedUnits / distribution.scale)
        // Summaries must encode: JSON has no NaN or infinity.
        _ = try JSONEncoder().encode(summary)
    }

    @Test func aHugeValueIsRecordedAsTheLargestAndCounted() throws {
        var distribution = Distribution.rate()
        distribution.record(1e300)
        let summary = try #require(distribution.summary)
        #expect(summary.count == 1)
        #expect(summary.max == Distribution.largestRecordedUnits / 1000)
    }

    @Test func tokenSumsSaturateAtIntMax() {
        var aggregator = Aggregator()
        aggregator.add(record(outputTokens: .max, promptTokens: .max))
        aggregator.add(record(outputTokens: .max, promptTokens: .max))
        aggregator.add(record(outputTokens: -7, promptTokens: -7))
        #expect(aggregator.outputTokens == .max)
        #expect(aggregator.promptTokens == .max)
    }

    @Test func negativeCountsAddNothing() {
        var aggregator = Aggregator()
        aggregator.add(record(outputTokens: 5, promptTokens: 5))
        aggregator.add(record(outputTokens: .min, promptTokens: -3))
        #expect(aggregator.outputTokens == 5)
        #expect(aggregator.promptTokens == 5)
    }

    @Test func distinctFinishReasonsAreCapped() {
        var aggregator = Aggregator()
        for index in 0..<1000 { aggregator.add(record(finishReason: "reason-\(index)")) }
        aggregator.add(record(finishReason: "reason-3"))
        #expect(aggregator.finishReasons.count == Aggregator.maximumFinishReasons + 1)
        #expect(aggregator.finishReasons[Aggregator.otherFinishReasons] == 1000 - Aggregator.maximumFinishReasons)
        #expect(aggregator.finishReasons["reason-3"] == 2)
        #expect(aggregator.finishReasons.values.reduce(0, +) == 1001)
    }

    @Test func promptCountsFarFromTheTargetSaturate() {
        var comparison = InputTokenComparison()
        comparison.add(record(promptTokens: .max, target: 1))
        comparison.add(record(promptTokens: .max, target: 1))
        comparison.add(record(promptTokens: .min, target: 10))
        #expect(comparison.maximumDeviation == .max - 1)
        #expect(comparison.minimumDeviation == .min)
        #expect(comparison.longer == 2 && comparison.shorter == 1)
        #expect(comparison.maximumRelativeDeviation.isFinite)
    }
}
