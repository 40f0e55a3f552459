/// One of N processes that together send one global schedule (`--shard i/N`): shard `index`
/// sends the global requests `index`, `index + count`, `index + 2 × count`, … with no
/// coordination while running, so the N shards together offer exactly the load one process
/// would, each request with the prompt and scheduled instant it would have had there.
public struct Shard: Sendable, Codable, Equatable, CustomStringConvertible {
    /// This shard's number, `0 ..< count`.
    public let index: Int
    /// How many shards share the schedule.
    public let count: Int

    /// Shards beyond this are a typing mistake rather than a fleet.
    public static let maximumCount = 10_000

    public init(index: Int, count: Int) throws(ShardError) {
        guard count >= 1, count <= Self.maximumCount else { throw .count(count) }
        guard index >= 0, index < count else { throw .index(index, count: count) }
        self.index = index
        self.count = count
    }

    /// Parses `i/N`, for example `0/3`.
    public init(parsing text: String) throws(ShardError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw .syntax(text)
        }
        try self.init(index: index, count: count)
    }

    public var description: String { "\(index)/\(count)" }

    /// The one shard of a load sent from one process (`--start-at` without `--shard`).
    public static let whole = Shard(unchecked: 0, count: 1)

    private init(unchecked index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// The global index of this shard's request number `local` (0, 1, 2, …).
    public func globalIndex(ofLocal local: Int) -> Int { index + local * count }

    /// How many of the global requests `0 ..< total` are this shard's.
    public func localCount(ofGlobal total: Int) -> Int {
        total > index ? (total - index + count - 1) / count : 0
    }

    /// This shard's users of a closed loop of `total` users: an equal share, the first
    /// `total % count` shards one more; the shares add up to `total`.
    public func users(ofTotal total: Int) -> Int { localCount(ofGlobal: total) }
}

/// Why a `--shard` value is refused.
public enum ShardError: Error, Equatable, CustomStringConvertible {
    case syntax(String)
    case count(Int)
    case index(Int, count: Int)

    public var description: String {
        switch self {
        case .syntax(let text): "--shard takes i/N, for example 0/3 (the first of three shards), not '\(text)'"
        case .count(let count): "--shard: the number of shards must be 1 to \(Shard.maximumCount), not \(count)"
        case .index(let index, let count): "--shard: the shard number must be 0 to \(count - 1), not \(index)"
        }
    }
}
