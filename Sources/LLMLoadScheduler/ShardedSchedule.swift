import LLMLoadCore

/// The arrivals of one shard (``Shard``) of a global schedule: the global schedule's offsets
/// number `index`, `index + count`, … — computed by running the global schedule itself, so a
/// seeded Poisson schedule gives every shard the instants one process would have drawn.
public struct ShardedSchedule: ArrivalSchedule {
    private var global: any ArrivalSchedule
    private let shard: Shard
    private var isFirst = true

    public init(_ global: any ArrivalSchedule, shard: Shard) {
        self.global = global
        self.shard = shard
    }

    public mutating func nextOffset() -> Duration? {
        // Skip the other shards' arrivals: before the first, this shard's number of them; after
        // that, count - 1 between two of this shard's.
        let skipped = isFirst ? shard.index : shard.count - 1
        isFirst = false
        for _ in 0..<skipped where global.nextOffset() == nil { return nil }
        return global.nextOffset()
    }
}
