import Foundation

extension RunConfiguration {
    /// How one shard of a scaled-out load (``Shard``) lines up with the others: they share a
    /// wall-clock start, and with it a run id that tags every request of every shard alike.
    public struct Coordination: Sendable, Equatable {
        public var shard: Shard
        /// The wall-clock instant at which every shard's schedule starts (`--start-at`).
        public var startsAt: Date

        public init(shard: Shard, startsAt: Date) {
            self.shard = shard
            self.startsAt = startsAt
        }

        /// The same for every shard of one load and different for another: the start instant in
        /// milliseconds since 1970, in base 36. It tags prompts and request ids, so the shards
        /// together send what one process would, and their run folders can be told apart.
        public var runID: String {
            String(Int64((startsAt.timeIntervalSince1970 * 1000).rounded()), radix: 36)
        }
    }
}
