import Foundation
import LLMLoadCore
import Testing

@testable import LLMLoadMetrics

/// The catalogue is well formed, and the aggregator and the summary's `latency` section take
/// their metrics from it.
@Suite struct MetricCatalogueTests {
    let start = ContinuousClock.now

    /// A successful streamed request with every figure present: 11 tokens (1 of thinking, then
    /// 10 of answer), gaps of 40 ms.
    var fullRecord: RequestRecord {
        let sent = start + .milliseconds(3)
        var record = RequestRecord(
            index: 0, scheduledAt: start, sentAt: sent, responseHeadAt: sent + .milliseconds(20),
            firstTokenAt: sent + .milliseconds(100), firstAnswerTokenAt: sent + .milliseconds(140),
            finishedAt: sent + .milliseconds(500),
            interTokenGapsNanoseconds: Array(repeating: 40_000_000, count: 10), outcome: .ok, httpStatus: 200,
            textChunks: 11, outputTokens: TokenCount(11, source: .server),
            promptTokens: TokenCount(30, source: .server),
            serverTimings: ServerTimings(
                promptEvalDurationNanoseconds: 60_000_000, evalDurationNanoseconds: 400_000_000),
            responseText: "answer", reasoningText: "thought"
        )
        // Under --max-in-flight, waited 2 ms for a slot, then sent 1 ms late.
        record.clientQueueEndedAt = start + .milliseconds(2)
        record.thinkingTokens = TokenCount(1, source: .estimated)
        record.answerTokens = TokenCount(10, source: .estimated)
        return record
    }

    /// With a cap on requests in flight the wait for a slot is its own figure, and the schedule
    /// lag counts from the end of it: the two make up the whole delay of the send.
    @Test func theClientQueueAndTheScheduleLagSplitTheSendsDelay() {
        #expect(fullRecord.clientQueueTime == .milliseconds(2))
        #expect(fullRecord.scheduleLag == .milliseconds(1))
        #expect(fullRecord.latencyFromSchedule == .milliseconds(503), "queue, lag and E2E")
        var uncapped = fullRecord
        uncapped.clientQueueEndedAt = nil
        #expect(uncapped.clientQueueTime == nil, "absent, not zero, without a cap")
        #expect(uncapped.scheduleLag == .milliseconds(3))
    }

    /// The answer runs from its first chunk (140 ms) to the end (500 ms): 9 gaps in 360 ms.
    @Test func theAnswersTokensTimeAndSpeedAreSummarisedOverRequestsThatReasoned() {
        #expect(fullRecord.answerDuration == .milliseconds(360))
        #expect(fullRecord.answerDecodeTokensPerSecond == 9 / 0.36)
        var answerOnly = fullRecord
        answerOnly.reasoningText = ""
        answerOnly.thinkingTokens = nil
        var aggregator = Aggregator()
        aggregator.add(fullRecord)
        aggregator.add(answerOnly)
        for metric in [Metric.thinkingTokens, .answerTokens, .answerDuration, .answerDecodeSpeed] {
            #expect(aggregator[metric].count == 1, "\(metric.id): for the others it is the whole output again")
            #expect(metric.value(answerOnly) != nil || metric.id == Metric.thinkingTokens.id, "the CSV has it")
        }
        #expect(aggregator[.thinkingTokens].maximum == 1 && aggregator[.answerTokens].maximum == 10)
        // A server that counts no reasoning (0) for a model that did not reason adds nothing.
        var counted = answerOnly
        counted.thinkingTokens = TokenCount(0, source: .server)
        #expect(!counted.hasReasoned)
    }

    /// Thinking time runs from the first reasoning chunk to the first answer chunk: none without
    /// reasoning (an answer-only model is not a model that thought for 0 ms), none without an answer.
    @Test func thinkingIsMeasuredOnlyBetweenReasoningAndAnAnswer() {
        #expect(fullRecord.thinkingDuration == .milliseconds(40))
        var answerOnly = fullRecord
        answerOnly.reasoningText = ""
        #expect(answerOnly.thinkingDuration == nil)
        var cutReasoning = answerOnly
        cutReasoning.reasoningTextTruncatedBytes = 10
        #expect(cutReasoning.thinkingDuration == .milliseconds(40), "reasoning past the kept text still counts")
        var aggregator = Aggregator()
        aggregator.add(answerOnly)
        #expect(aggregator[.timeToFirstAnswerToken].count == 0, "without reasoning it is the TTFT again")
        #expect(Metric.timeToFirstAnswerToken.value(answerOnly) == 140, "the CSV still has it")
        var noAnswer = fullRecord
        noAnswer.firstAnswerTokenAt = nil
        #expect(noAnswer.thinkingDuration == nil)
    }

    @Test func idsAreUniqueSnakeCaseAndEndInTheirUnit() {
        let ids = MetricCatalogue.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(Set(MetricCatalogue.all.map(\.column)).count == ids.count)
        for metric in MetricCatalogue.all {
            #expect(metric.id.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "_" }, "\(metric.id)")
            let pairs = zip(metric.id, metric.id.dropFirst())
            #expect(!pairs.contains { $0 == "_" && $1.isNumber }, "\(metric.id): `_9` cannot round-trip")
            let suffix = ["ms": "_ms", "tokens/s": "_per_s", "tokens": "_tokens"][metric.unit.rawValue] ?? "?"
            #expect(metric.id.hasSuffix(suffix) && metric.column.hasSuffix(suffix), "\(metric.id)")
            #expect(!metric.title.en.isEmpty && !metric.title.zh.isEmpty, "\(metric.id)")
            #expect(MetricCatalogue.metric(metric.id)?.column == metric.column)
        }
    }

    @Test func theAggregatorKeepsOneDistributionPerMetric() {
        var aggregator = Aggregator()
        aggregator.add(fullRecord)
        #expect(Set(aggregator.distributions.keys) == Set(MetricCatalogue.all.map(\.id)))
        for metric in MetricCatalogue.all where metric.id != Metric.interTokenLatency.id {
            // One value per request: the request's own figure.
            let distribution = aggregator[metric]
            #expect(distribution.count == 1, "\(metric.id)")
            #expect(distribution.maximum == metric.value(fullRecord), "\(metric.id)")
        }
        #expect(aggregator[.interTokenLatency].count == 10, "every gap is a value")
        #expect(Metric.interTokenLatency.value(fullRecord) == 40, "the CSV holds the mean gap")
    }

    @Test func aFailedOrWarmupRequestAddsToNoMetric() {
        var aggregator = Aggregator()
        var failed = fullRecord
        failed.outcome = .streamError
        aggregator.add(failed)
        var warmup = fullRecord
        warmup.isWarmup = true
        aggregator.add(warmup)
        for metric in MetricCatalogue.all { #expect(aggregator[metric].count == 0, "\(metric.id)") }
    }

    @Test func latencyHasOneMemberPerMetricNamedByItsId() throws {
        var aggregator = Aggregator()
        aggregator.add(fullRecord)
        let latency = RunSummary.Latency(
            population: "ok", summaries: aggregator.distributions.compactMapValues(\.summary))
        #expect(Set(latency.summaries.keys) == Set(MetricCatalogue.all.map(\.id)))
        // summary.json's encoder writes snake_case: each member is the metric's id.
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let object = try #require(try JSONSerialization.jsonObject(with: encoder.encode(latency)) as? [String: Any])
        #expect(Set(object.keys) == Set(["population"] + MetricCatalogue.all.map(\.id)))
        // Without a key strategy the members are the property names a stored property each had.
        let plain = try JSONEncoder().encode(latency)
        let names = try #require(try JSONSerialization.jsonObject(with: plain) as? [String: Any]).keys
        #expect(Set(names).isSuperset(of: ["ttftMs", "timeToFirstAnswerTokenMs", "decodeSpeedTokensPerS"]))
        #expect(try JSONDecoder().decode(RunSummary.Latency.self, from: plain) == latency)
    }

    @Test func aMetricWithoutValuesIsLeftOut() throws {
        var latency = RunSummary.Latency(population: "ok")
        latency[.endToEndLatency] = DistributionSummary(
            count: 1, mean: 2, std: 0, min: 2, p50: 2, p90: 2, p95: 2, p99: 2, p99_9: 2, max: 2)
        let object = try #require(
            try JSONSerialization.jsonObject(with: JSONEncoder().encode(latency)) as? [String: Any])
        #expect(object.keys.sorted() == ["e2eMs", "population"])
        #expect(latency[.endToEndLatency]?.mean == 2 && latency[.timeToFirstToken] == nil)
    }
}
