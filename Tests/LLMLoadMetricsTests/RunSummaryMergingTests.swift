import LLMLoadCore
import LLMLoadTestSupport
import Testing

@testable import LLMLoadMetrics

@Suite struct RunSummaryMergingTests {
    let origin = ContinuousClock.now

    /// The facts `llmload merge` reads from the shards' `requests.csv`, from the records.
    func rows(_ records: [RequestRecord]) -> RequestRowFacts {
        var facts = RequestRowFacts()
        for r in records {
            facts.add(
                .init(
                    isWarmup: r.isWarmup, isOK: r.outcome == .ok, scheduledMs: (r.scheduledAt - origin).milliseconds,
                    sentMs: r.sentAt.map { ($0 - origin).milliseconds },
                    finishedMs: (r.finishedAt - origin).milliseconds,
                    ttftMs: r.timeToFirstToken?.milliseconds, e2eMs: r.endToEndLatency?.milliseconds,
                    serverPromptTokens: r.promptTokens?.value, cachedPromptTokens: nil))
        }
        return facts
    }

    func shards(_ records: [RequestRecord], count: Int) -> [(folder: String, summary: RunSummary)] {
        (0..<count).map { index in
            let part = RunDescription.Load.ShardPart(index: index, count: count, runId: "r", startAt: "t")
            let own = records.filter { $0.index % count == index }
            return (
                "shard-\(index)",
                ShardFixture.summary(own, origin: origin, description: ShardFixture.description(part: part))
            )
        }
    }

    func close(_ a: Double?, _ b: Double?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return abs(a - b) <= 1e-7 * max(1, abs(a), abs(b))
    }

    @Test func threeShardsMergeIntoWhatOneProcessSummarises() throws {
        let all = ShardFixture.records(origin: origin)
        let single = ShardFixture.summary(all, origin: origin, description: ShardFixture.description(part: nil))
        let merged = RunSummary(
            mergingShards: shards(all, count: 3), rows: rows(all), runDescription: single.runDescription)
        // Counts, tallies and token totals add exactly.
        #expect(merged.requests == single.requests)
        #expect(merged.tokens == single.tokens)
        #expect(merged.errors == single.errors && merged.errorsNotListed == 0)
        // Every distribution is one histogram holding every request's value: the same buckets,
        // so the same percentiles; only the order of the floating-point sums differs.
        #expect(Set(merged.latency.summaries.keys) == Set(single.latency.summaries.keys))
        for (id, expected) in single.latency.summaries {
            let found = try #require(merged.latency.summaries[id])
            #expect(found.count == expected.count, "\(id)")
            #expect(
                [found.min, found.p50, found.p90, found.p95, found.p99, found.p99_9, found.max]
                    == [
                        expected.min, expected.p50, expected.p90, expected.p95, expected.p99, expected.p99_9,
                        expected.max,
                    ],
                "\(id)")
            #expect(close(found.mean, expected.mean) && close(found.std, expected.std), "\(id)")
            #expect(merged.histograms[id]?.buckets == single.histograms[id]?.buckets, "\(id)")
        }
        // Rates over the window from the first measured instant to the last response's end.
        #expect(close(merged.run.windowS, single.run.windowS))
        #expect(close(merged.throughput.requestsPerS, single.throughput.requestsPerS))
        #expect(close(merged.throughput.sentPerS, single.throughput.sentPerS))
        #expect(close(merged.throughput.outputTokensPerS, single.throughput.outputTokensPerS))
        // Each second: counts add, latencies recomputed over every shard's requests.
        #expect(merged.timeseries.count == single.timeseries.count)
        for (found, expected) in zip(merged.timeseries, single.timeseries) {
            #expect(
                [found.offered, found.sent, found.completed, found.failed, found.inFlight]
                    == [expected.offered, expected.sent, expected.completed, expected.failed, expected.inFlight])
            #expect(found.ttftP95Ms == expected.ttftP95Ms && found.e2eP95Ms == expected.e2eP95Ms)
            #expect(close(found.ttftMeanMs, expected.ttftMeanMs) && close(found.e2eMeanMs, expected.e2eMeanMs))
            #expect(close(found.outputTokensPerS, expected.outputTokensPerS))
        }
        let merge = try #require(merged.merge)
        #expect(merge.shardCount == 3 && merge.runId == "r")
        #expect(merge.shards.map(\.index) == [0, 1, 2] && merge.shards.map(\.requests) == [10, 10, 10])
        #expect(merge.shards.map(\.startLateMs) == [0.5, 1.5, 2.5])
        #expect(merge.shards.map(\.hostname) == ["host-0", "host-1", "host-2"])
        #expect(merged.run.startedAt == "2026-12-01T18:00:00Z" && merged.run.startLateMs == nil)
    }

    @Test func withoutRowsTheWindowIsTheLongestShardsAndPercentilesPerSecondAreLeftOut() throws {
        let all = ShardFixture.records(origin: origin)
        let parts = shards(all, count: 3)
        let merged = RunSummary(mergingShards: parts, rows: nil, runDescription: parts[0].summary.runDescription)
        #expect(merged.run.windowS == parts.map { $0.summary.run.windowS }.max())
        #expect(merged.throughput.sentPerS == nil)
        #expect(merged.timeseries.allSatisfy { $0.ttftP95Ms == nil && $0.e2eP95Ms == nil })
        #expect(merged.timeseries.contains { $0.ttftMeanMs != nil })
        #expect(merged.requests.total == 30)
    }

    /// Per-replica and per-turn tables hold percentiles, not histograms: the merge names them as
    /// left out instead of writing a sum that would be wrong.
    @Test func perReplicaAndPerTurnTablesAreNamedAsNotMerged() throws {
        var parts = shards(ShardFixture.records(origin: origin), count: 2)
        let description = parts[0].summary.runDescription
        #expect(RunSummary(mergingShards: parts, rows: nil, runDescription: description).merge?.notMerged == nil)
        parts[1].summary.turns = []
        #expect(RunSummary(mergingShards: parts, rows: nil, runDescription: description).merge?.notMerged == ["turns"])
        parts[0].summary.targets = []
        let merged = RunSummary(mergingShards: parts, rows: nil, runDescription: description)
        #expect(merged.merge?.notMerged == ["targets", "turns"])
        #expect(merged.targets == nil && merged.turns == nil)
    }

    @Test func sourcesCombineAsOneProcessWouldNameThem() {
        #expect(RunSummary.combinedSource(["server", "server"]) == "server")
        #expect(RunSummary.combinedSource(["server", "none"]) == "server")
        #expect(RunSummary.combinedSource(["server", "estimated"]) == "mixed")
        #expect(RunSummary.combinedSource(["none", "none"]) == "none")
    }

    @Test func finishReasonsStayBoundedWhenShardsAddNewOnes() {
        let merged = RunSummary.added([["a": 1, "b": 2], ["b": 1, "c": 5]], keeping: 2, other: "other")
        #expect(merged == ["a": 1, "b": 3, "other": 5])
    }
}

extension RunSummaryMergingTests {
    /// The client processes' own CPU adds up; steal is the worst shard's; a shard that did not
    /// measure its CPU leaves the sum out rather than understating it.
    @Test func theClientsCPUAddsUpAndStealIsTheWorstShards() throws {
        var parts = shards(ShardFixture.records(origin: origin), count: 2)
        let description = parts[0].summary.runDescription
        for (index, cores, steal) in [(0, 0.25, 1.5), (1, 0.5, 4.0)] {
            parts[index].summary.client = RunSummary.Client(
                eventLoops: 2, probeIntervalMs: 10, saturationBoundMs: 1, eventLoopDelayMs: nil, saturated: false,
                saturatedSeconds: [], saturatedFromRatePerS: nil)
            parts[index].summary.client?.cpuCores = cores
            parts[index].summary.client?.machineStealPercent = steal
        }
        let merged = try #require(RunSummary(mergingShards: parts, rows: nil, runDescription: description).client)
        #expect(merged.cpuCores == 0.75 && merged.machineStealPercent == 4 && merged.eventLoops == 4)
        parts[1].summary.client?.cpuCores = nil
        #expect(RunSummary(mergingShards: parts, rows: nil, runDescription: description).client?.cpuCores == nil)
    }
}
