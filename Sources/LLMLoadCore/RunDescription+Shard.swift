import Foundation

extension RunDescription.Load {
    /// Which shard of which scaled-out load a run was (`--shard`, `--start-at`): what a merge
    /// checks before it puts shards together.
    public struct ShardPart: Sendable, Codable, Equatable {
        public var index: Int
        public var count: Int
        /// The same for every shard of one load (``RunConfiguration/Coordination/runID``).
        public var runId: String
        /// The common start, RFC 3339 with milliseconds.
        public var startAt: String

        public init(index: Int, count: Int, runId: String, startAt: String) {
            self.index = index
            self.count = count
            self.runId = runId
            self.startAt = startAt
        }

        public init(_ coordination: RunConfiguration.Coordination) {
            let format = ISO8601DateFormatter()
            format.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            self.init(
                index: coordination.shard.index, count: coordination.shard.count, runId: coordination.runID,
                startAt: format.string(from: coordination.startsAt))
        }
    }
}
