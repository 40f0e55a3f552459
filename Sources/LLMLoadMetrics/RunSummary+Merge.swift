import LLMLoadCore

extension RunSummary {
    /// A merged run (`llmload merge`): which load its shards were part of, and each shard's own
    /// figures. `summary.json` → `merge`; absent for a run of one process.
    public struct Merge: Sendable, Codable, Equatable {
        /// The shards' common run id and count, and their common start (RFC 3339).
        public var runId: String
        public var shardCount: Int
        public var startAt: String
        /// One entry per shard, by index.
        public var shards: [Shard]
        /// Sections of the shards' summaries the merge does not add up, by `summary.json` key
        /// (`targets`: per-replica figures, `turns`: per-turn figures, each a table of
        /// percentiles without histograms): they stay in each shard's own summary. Absent when
        /// none was left out.
        public var notMerged: [String]?

        public init(runId: String, shardCount: Int, startAt: String, shards: [Shard]) {
            self.runId = runId
            self.shardCount = shardCount
            self.startAt = startAt
            self.shards = shards
        }

        /// One shard as it ran.
        public struct Shard: Sendable, Codable, Equatable {
            public var index: Int
            /// The shard's run folder, as given to `llmload merge`.
            public var folder: String
            public var hostname: String
            public var startedAt: String
            /// Its start skew: how late the process woke after the common start
            /// (`run.start_late_ms` of its summary).
            public var startLateMs: Double?
            public var stopReason: String
            public var requests: Int
            public var windowS: Double
            /// The shard's resource statistics, over its measured window and its whole run;
            /// absent when it monitored nothing.
            public var resourcesMeasured: Statistics?
            public var resourcesWholeRun: Statistics?

            public init(index: Int, folder: String, summary: RunSummary) {
                self.index = index
                self.folder = folder
                hostname = summary.runDescription.host.hostname
                startedAt = summary.run.startedAt
                startLateMs = summary.run.startLateMs
                stopReason = summary.run.stopReason
                requests = summary.requests.total
                windowS = summary.run.windowS
                resourcesMeasured = summary.resources?.measured
                resourcesWholeRun = summary.resources?.wholeRun
            }
        }
    }
}
