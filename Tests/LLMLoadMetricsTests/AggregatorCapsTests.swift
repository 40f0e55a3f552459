import Foundation
import LLMLoadCore
import LLMLoadMetrics
import Testing

/// What the per-request caps (``ResponseLimits``) leave of the run's statistics: nothing lost.
@Suite struct AggregatorCapsTests {
    let start = ContinuousClock.now

    /// Gaps from 1 µs to about 10 s, spread over many histogram buckets.
    func gaps(_ count: Int) -> [Int64] {
        var random = SplitMix64(seed: 14)
        return (0..<count).map { _ in Int64(1_000 * pow(10, 7 * random.nextUnit())) + Int64(random.next() % 1_000) }
    }

    func record(gaps: [Int64], message: String? = nil) -> RequestRecord {
        let stored = Array(gaps.prefix(ResponseLimits.storedTokenGaps))
        var record = RequestRecord(
            index: 0, scheduledAt: start, sentAt: start, firstTokenAt: start + .milliseconds(1),
            finishedAt: start + .seconds(10), interTokenGapsNanoseconds: stored,
            outcome: message == nil ? .ok : .httpError, errorMessage: message,
            outputTokens: TokenCount(gaps.count + 1, source: .server))
        if gaps.count > stored.count {
            var overflow = TokenGapOverflow()
            for gap in gaps.dropFirst(stored.count) { overflow.add(nanoseconds: gap) }
            record.tokenGapOverflow = overflow
        }
        return record
    }

    @Test func foldedGapsGiveTheSameInterTokenLatencyAsStoredOnes() {
        let gaps = gaps(ResponseLimits.storedTokenGaps + 50_000)
        var aggregator = Aggregator()
        aggregator.add(record(gaps: gaps))
        var everyGap = Distribution.milliseconds()
        for gap in gaps { everyGap.record(Double(gap) / 1e6) }

        let folded = aggregator[.interTokenLatency].snapshot
        let recorded = everyGap.snapshot
        #expect(folded.buckets == recorded.buckets, "every gap in the bucket it would have been recorded in")
        #expect(folded.count == gaps.count)
        #expect(folded.min == recorded.min)
        #expect(folded.max == recorded.max)
        #expect(abs(folded.sum - recorded.sum) <= 1e-9 * recorded.sum, "the same sum, added in another order")
        #expect(abs(folded.sumOfSquares - recorded.sumOfSquares) <= 1e-9 * recorded.sumOfSquares)
        let percentiles = [50, 90, 99, 99.9]
        #expect(
            percentiles.map { aggregator[.interTokenLatency].percentile($0) } == percentiles.map(everyGap.percentile))
    }

    @Test func aFoldedGapKeepsTheExactTotal() {
        let gaps = gaps(ResponseLimits.storedTokenGaps + 3)
        let record = record(gaps: gaps)
        #expect(record.tokenGapCount == gaps.count)
        #expect(record.tokenGapOverflow?.sumNanoseconds == gaps.suffix(3).reduce(0, +))
        #expect(record.meanInterTokenGap == .nanoseconds(gaps.reduce(0, +)) / gaps.count)
    }

    /// The summary, report and console show the tally's messages as the runner prepared them:
    /// cut and marked, so messages that differ only past the cut are one kind.
    @Test func aLongErrorIsListedCutAndMarked() throws {
        var aggregator = Aggregator()
        let long = "HTTP 500: " + String(repeating: "人", count: 5_000)
        for message in [long, long + " differing only past the cut"] {
            var failed = record(gaps: [], message: message)
            failed.redactForOutputs(SecretRedactor(secrets: []))
            aggregator.add(failed)
        }
        let listed = try #require(aggregator.errors.sorted.first)
        #expect(aggregator.errors.sorted.count == 1, "messages equal up to the cut are one kind")
        #expect(listed.count == 2)
        #expect(listed.key.message.hasSuffix("人… [truncated]"))
        #expect(listed.key.message.utf8.count <= ResponseLimits.shownErrorTextBytes + "… [truncated]".utf8.count)
    }
}
