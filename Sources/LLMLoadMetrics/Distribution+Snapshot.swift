import Histogram

/// A compact, exact form of a ``Distribution`` for `summary.json`: the exact sums and, for
/// every histogram bucket that holds values, one value of that bucket and its count.
///
/// Rebuilding a distribution from it (``Distribution/init(snapshot:)``) gives the same
/// statistics, and the snapshots of shards of a run merge into the distribution of the whole:
/// what `llmload merge` needs to combine runs exactly.
public struct DistributionSnapshot: Sendable, Codable, Equatable {
    public var scale: Double
    public var count: Int
    public var sum: Double
    public var sumOfSquares: Double
    public var min: Double?
    public var max: Double?
    /// `[value, count]` pairs, in recorded units (`1 / scale` of the display unit), ascending.
    public var buckets: [[UInt64]]
}

extension Distribution {
    /// This distribution in its compact, mergeable form.
    public var snapshot: DistributionSnapshot {
        DistributionSnapshot(
            scale: scale, count: count, sum: sum, sumOfSquares: sumOfSquares,
            min: count > 0 ? minimum : nil, max: count > 0 ? maximum : nil,
            buckets: recordedBuckets.map { [$0.value, $0.count] }
        )
    }

    /// Rebuilds a distribution from its snapshot.
    public init(snapshot: DistributionSnapshot) {
        self.init(scale: snapshot.scale, highestTrackable: Self.millisecondsRange)
        restore(
            buckets: snapshot.buckets.compactMap { $0.count == 2 ? ($0[0], $0[1]) : nil },
            count: snapshot.count, sum: snapshot.sum, sumOfSquares: snapshot.sumOfSquares,
            minimum: snapshot.min ?? .infinity, maximum: snapshot.max ?? -.infinity
        )
    }
}
