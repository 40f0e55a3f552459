import Foundation
import LLMLoadCore
import LLMLoadMetrics
import LLMLoadReport

/// Hand-made shards of one load for the tests of `llmload merge`: 30 requests on a constant
/// 30 req/s schedule with latencies that vary by request (whole milliseconds, so every sum is
/// exact in any order) and two failures, split as `--shard i/N` splits them (request i goes to
/// shard i mod N), each shard aggregated and written as its run would be.
public enum ShardFixture {
    public static let requestCount = 30

    /// Every request of the load, timed from `origin` (the common start).
    public static func records(origin: ContinuousClock.Instant) -> [RequestRecord] {
        (0..<requestCount).map { index in
            let scheduled = origin + .milliseconds(index * 1000 / 30)
            let sent = scheduled + .milliseconds(1)
            let ttft = 20 + index * 7 % 13
            let e2e = ttft + 10 + index % 5
            let outcome: RequestOutcome = index == 7 ? .httpError : index == 20 ? .timeout : .ok
            let ok = outcome == .ok
            return RequestRecord(
                index: index, scheduledAt: scheduled, sentAt: sent,
                firstTokenAt: ok ? sent + .milliseconds(ttft) : nil,
                firstAnswerTokenAt: ok ? sent + .milliseconds(ttft) : nil, finishedAt: sent + .milliseconds(e2e),
                interTokenGapsNanoseconds: ok ? Array(repeating: 2_000_000, count: 4) : [], outcome: outcome,
                httpStatus: outcome == .timeout ? nil : ok ? 200 : 500,
                errorMessage: ok ? nil : outcome == .timeout ? "timeout" : "HTTP 500: boom",
                finishReason: ok ? "stop" : nil, textChunks: ok ? 5 : 0,
                outputTokens: ok ? TokenCount(5, source: .server) : nil,
                promptTokens: TokenCount(20 + index, source: .server))
        }
    }

    /// The load's description; `part` makes it a shard's.
    public static func description(part: RunDescription.Load.ShardPart?) -> RunDescription {
        var load = RunDescription.Load(pattern: "constant@30.00", ratePerS: 30, durationS: 1, drainTimeoutS: 30)
        load.shard = part
        return RunDescription(
            tool: .init(version: "test"),
            commandLine: ["llmload", "run"] + (part.map { ["--shard", "\($0.index)/\($0.count)"] } ?? []),
            target: .init(url: "http://127.0.0.1:11434", api: "ollama-generate", model: "m", simulated: true),
            load: load, requests: .init(), output: .init(folder: "/tmp/shard"),
            host: HostFacts(
                hostname: "host-\(part?.index ?? 0)", os: "o", kernel: "k", cpuModel: nil, cpuCount: 2, memoryBytes: 0))
    }

    /// The summary one process writes for `records`.
    public static func summary(
        _ records: [RequestRecord], origin: ContinuousClock.Instant, description: RunDescription
    ) -> RunSummary {
        var aggregator = Aggregator()
        var series = TimeSeries(origin: origin)
        for record in records {
            aggregator.add(record)
            series.add(record)
        }
        var summary = RunSummary(
            aggregator: aggregator, timeSeries: series.buckets(), runDescription: description,
            run: .init(
                startedAt: "2026-12-01T18:00:0\(description.load.shard?.index ?? 0)Z", endedAt: "2026-12-01T18:00:05Z",
                interrupted: false, stopReason: "duration_reached", windowS: aggregator.windowSeconds,
                drainCancelledInFlight: false))
        summary.run.startLateMs = description.load.shard.map { Double($0.index) + 0.5 }
        return summary
    }

    /// Writes `records` as a run folder under `base`: `config.json`, `summary.json`,
    /// `requests.csv`.
    public static func writeFolder(
        _ records: [RequestRecord], origin: ContinuousClock.Instant, description: RunDescription, named name: String,
        in base: URL
    ) throws -> URL {
        let folder = base.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try description.encoded().write(to: folder.appendingPathComponent("config.json"))
        try SummaryWriter.write(
            summary(records, origin: origin, description: description),
            to: folder.appendingPathComponent("summary.json"))
        let csv = RequestsCSVWriter(url: folder.appendingPathComponent("requests.csv"), origin: origin)
        for record in records { csv.append(record) }
        csv.close()
        return folder
    }

    /// Writes the run folders of every shard of one load, `shard-<i>`, and returns them by
    /// index; `change` alters a shard's description (to make shards that do not belong together).
    public static func writeShards(
        count: Int, runID: String = "mergetest", in base: URL,
        change: (Int, inout RunDescription) -> Void = { _, _ in }
    ) throws -> [URL] {
        let origin = ContinuousClock.now
        let all = records(origin: origin)
        return try (0..<count).map { index in
            var description = description(
                part: .init(index: index, count: count, runId: runID, startAt: "2026-12-01T18:00:00.000Z"))
            change(index, &description)
            return try writeFolder(
                all.filter { $0.index % count == index }, origin: origin, description: description,
                named: "shard-\(index)", in: base)
        }
    }
}
