import LLMLoadCore
import LLMLoadMetrics

extension ReportTables {
    /// A merged run's shards as the report's block (`llmload merge`): one line per shard with
    /// its machine, start skew, requests, window and stop reason, in the report's language.
    static func shards(_ merge: RunSummary.Merge, _ language: ReportLanguage) -> [Row] {
        func label(_ key: String) -> String { ReportText.label(key, language) }
        return merge.shards.map { shard in
            let skew = shard.startLateMs.map { FigureText.number($0, 1) + " ms" } ?? "—"
            let parts = [
                "\(label("shard_host")) \(shard.hostname)", "\(label("shard_start_skew")) \(skew)",
                "\(shard.requests) \(label("shard_requests"))",
                "\(label("window")) \(FigureText.number(shard.windowS, 2)) s", shard.stopReason,
            ]
            return [
                "label": "\(label("shard")) \(shard.index)/\(merge.shardCount)",
                "text": parts.joined(separator: " · "),
            ]
        }
    }

    /// The line above them: how many shards, which run, from which common start.
    static func shardsNote(_ merge: RunSummary.Merge, _ language: ReportLanguage) -> String {
        language == .zh
            ? "由运行 \(merge.runId) 的 \(merge.shardCount) 个分片合并，共同开始时刻 \(merge.startAt)；启动偏差为各分片晚于该时刻醒来的时间。"
            : "Merged from the \(merge.shardCount) shards of run \(merge.runId), started together at \(merge.startAt); "
                + "a shard's start skew is how late it woke after that instant."
    }
}
