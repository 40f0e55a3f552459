/// A fixed-size histogram of positive integers (microseconds, say) with 32 buckets per power of
/// two: any quantile it reports is within 1.6 % of a recorded value. For live figures, such as
/// the console's TTFT P50 so far: recording is a few instructions and never allocates.
///
/// The summary's figures come from ``Distribution`` (HDR, exact count/sum/min/max); this one
/// trades precision for being cheap enough to update under a lock held per request.
public struct LogBucketHistogram: Sendable {
    private static let subBuckets = 32
    private static let subBucketBits = 5
    /// Values up to 2⁴⁰ (12.7 days in microseconds); larger ones land in the last bucket.
    private static let largestExponent = 40

    private var counts = [Int](repeating: 0, count: Self.bucketCount)
    public private(set) var count = 0

    private static var bucketCount: Int { subBuckets + (largestExponent - subBucketBits + 1) * subBuckets }

    public init() {}

    /// Adds one value; negative values count as zero.
    public mutating func record(_ value: Int64) {
        counts[Self.bucket(of: value)] += 1
        count += 1
    }

    /// The value at `quantile` (0…1): the middle of the bucket holding it; `nil` when empty.
    public func value(atQuantile quantile: Double) -> Int64? {
        guard count > 0 else { return nil }
        let rank = max(1, Int((quantile * Double(count)).rounded(.up)))
        var seen = 0
        for (bucket, bucketCount) in counts.enumerated() where bucketCount > 0 {
            seen += bucketCount
            if seen >= rank { return Self.middle(of: bucket) }
        }
        return Self.middle(of: counts.count - 1)
    }

    /// Values below 32 have a bucket each; above, a power of two splits into 32 equal buckets.
    static func bucket(of value: Int64) -> Int {
        let v = UInt64(min(max(value, 0), (1 << (largestExponent + 1)) - 1))
        guard v >= UInt64(subBuckets) else { return Int(v) }
        let exponent = 63 - v.leadingZeroBitCount
        let shift = exponent - subBucketBits
        let sub = Int(v >> UInt64(shift)) - subBuckets
        return subBuckets + shift * subBuckets + sub
    }

    static func middle(of bucket: Int) -> Int64 {
        guard bucket >= subBuckets else { return Int64(bucket) }
        let shift = (bucket - subBuckets) / subBuckets
        let sub = (bucket - subBuckets) % subBuckets
        let lower = Int64(subBuckets + sub) << Int64(shift)
        return lower + (Int64(1) << Int64(shift)) / 2
    }
}
