import Histogram
import LLMLoadCore

/// The distribution of one metric over a run: an HDR histogram for percentiles (3 significant
/// digits), plus exact count, sum, sum of squares, minimum and maximum.
///
/// Everything in it adds exactly, so the distributions of two shards of a run merge into the
/// distribution of the whole (``merge(_:)``).
public struct Distribution: Sendable {
    /// Values are recorded as integers of `1 / scale` display units: with milliseconds as the
    /// display unit and a scale of 1000, the histogram resolves microseconds.
    public let scale: Double
    /// Made at the first value: a run keeps a distribution for every catalogue metric, and the
    /// counts of one cover a minute at microsecond precision (131 KB); most runs leave several
    /// metrics (reasoning, server timings, queueing) empty.
    private var histogram: Histogram<UInt64>?
    /// The range, in recorded units, the counts cover when made.
    private let initialRangeUnits: UInt64
    public private(set) var count = 0
    public private(set) var sum = 0.0
    public private(set) var sumOfSquares = 0.0
    public private(set) var minimum = Double.infinity
    public private(set) var maximum = -Double.infinity

    /// - Parameters:
    ///   - scale: recorded integer units per display unit.
    ///   - highestTrackable: the largest value, in display units, the histogram resolves at full
    ///     precision; it grows past it automatically.
    public init(scale: Double, highestTrackable: Double) {
        self.scale = scale
        initialRangeUnits = UInt64(min(highestTrackable * scale, Self.largestRecordedUnits))
    }

    /// Whether the counts are made (a value was recorded or merged in).
    var holdsCounts: Bool { histogram != nil }

    /// Empty counts covering the initial range, growing past it.
    private func makeHistogram() -> Histogram<UInt64> {
        var made = Histogram<UInt64>(
            lowestDiscernibleValue: 1, highestTrackableValue: initialRangeUnits, numberOfSignificantValueDigits: .three)
        made.autoResize = true
        return made
    }

    /// A latency in milliseconds, resolved to the microsecond. Its counts cover a minute at
    /// first and grow, at the same precision, when a longer value comes: a run holds a histogram
    /// per metric, and each range doubling costs 8 KB of counts (an hour from the start was 188
    /// KB a histogram, 2.3 MB of a run's memory).
    public static func milliseconds() -> Self { Self(scale: 1000, highestTrackable: millisecondsRange) }

    /// A rate (for example tokens per second), resolved to a thousandth; its counts cover 100,000
    /// at first and grow like a latency's.
    public static func rate() -> Self { Self(scale: 1000, highestTrackable: 100_000) }

    /// The range, in display units, a latency's counts cover before they grow.
    static let millisecondsRange = 60_000.0

    /// The largest value recorded, in recorded units (2⁵³: every integer up to it is exact in a
    /// `Double`; 285 years in microseconds). A larger value (a server's absurd number) is
    /// recorded as this, so it can neither trap the conversion to an integer nor grow the
    /// histogram without bound, nor make the sum of squares infinite.
    public static let largestRecordedUnits = 9_007_199_254_740_992.0

    /// Records `value` (display units), clamped to 0…``largestRecordedUnits`` / `scale`. NaN and
    /// infinities are not values and are skipped.
    public mutating func record(_ value: Double) {
        guard value.isFinite else { return }
        let clamped = min(max(0, value), Self.largestRecordedUnits / scale)
        if histogram == nil { histogram = makeHistogram() }
        _ = histogram!.record(UInt64((clamped * scale).rounded()))
        count += 1
        sum += clamped
        sumOfSquares += clamped * clamped
        minimum = min(minimum, clamped)
        maximum = max(maximum, clamped)
    }

    /// Records each of `values`, nanoseconds, in milliseconds: the same state as
    /// `record(Double(value) / 1e6)` for each in turn, with the counts unwrapped once for them
    /// all, and the values of exactly 0 (tokens read together, most gaps of a coalesced stream)
    /// counted in one step. Made for a request's token gaps (63 for a 64-token answer).
    public mutating func recordMilliseconds(nanoseconds values: [Int64]) {
        guard !values.isEmpty else { return }
        var counts = histogram.take() ?? makeHistogram()
        let largest = Self.largestRecordedUnits / scale
        var zeros: UInt64 = 0
        for value in values {
            guard value != 0 else {
                zeros += 1
                continue
            }
            let clamped = min(max(0, Double(value) / 1e6), largest)
            _ = counts.record(UInt64((clamped * scale).rounded()))
            count += 1
            sum += clamped
            sumOfSquares += clamped * clamped
            minimum = min(minimum, clamped)
            maximum = max(maximum, clamped)
        }
        if zeros > 0 {
            _ = counts.record(0, count: zeros)
            count += Int(zeros)
            minimum = min(minimum, 0)
            maximum = max(maximum, 0)
        }
        histogram = counts
    }

    public mutating func record(_ duration: Duration) {
        record(duration.milliseconds)
    }

    /// Adds every value recorded in `other`.
    public mutating func merge(_ other: Distribution) {
        precondition(other.scale == scale, "distributions of different units do not merge")
        if let theirs = other.histogram {
            if histogram == nil { histogram = makeHistogram() }
            histogram!.add(theirs)
        }
        count += other.count
        sum += other.sum
        sumOfSquares += other.sumOfSquares
        minimum = min(minimum, other.minimum)
        maximum = max(maximum, other.maximum)
    }

    /// Every histogram bucket holding values: one value of the bucket, and its count.
    var recordedBuckets: [(value: UInt64, count: UInt64)] {
        histogram?.recordedValues().map { ($0.value, UInt64($0.count)) } ?? []
    }

    /// Replaces the content with the given buckets and exact sums (from a snapshot).
    mutating func restore(
        buckets: [(UInt64, UInt64)], count: Int, sum: Double, sumOfSquares: Double, minimum: Double, maximum: Double
    ) {
        histogram = nil
        if !buckets.isEmpty {
            var made = makeHistogram()
            for (value, occurrences) in buckets { _ = made.record(value, count: occurrences) }
            histogram = made
        }
        self.count = count
        self.sum = sum
        self.sumOfSquares = sumOfSquares
        self.minimum = minimum
        self.maximum = maximum
    }

    /// The value at `percentile` (0–100) by nearest rank, as the middle of its histogram bucket
    /// (within 0.05 %), clamped to the exact minimum and maximum. `nil` when empty.
    public func percentile(_ percentile: Double) -> Double? {
        guard count > 0, let histogram else { return nil }
        let bucket = histogram.valueAtPercentile(percentile)
        let value = Double(histogram.medianEquivalentForValue(bucket)) / scale
        return min(max(value, minimum), maximum)
    }

    /// The fixed set of statistics every output shows; `nil` when nothing was recorded, so an
    /// empty population never produces made-up zeros.
    public var summary: DistributionSummary? {
        guard count > 0 else { return nil }
        let mean = sum / Double(count)
        // Population standard deviation from exact sums; clamp rounding noise below zero.
        let variance = max(0, sumOfSquares / Double(count) - mean * mean)
        return DistributionSummary(
            count: count, mean: mean, std: variance.squareRoot(), min: minimum,
            p50: percentile(50)!, p90: percentile(90)!, p95: percentile(95)!, p99: percentile(99)!,
            p99_9: percentile(99.9)!, max: maximum
        )
    }
}

/// Count, mean, standard deviation, minimum, P50, P90, P95, P99, P99.9 and maximum of a
/// metric, in its display unit.
public struct DistributionSummary: Sendable, Codable, Equatable {
    public var count: Int
    public var mean: Double
    public var std: Double
    public var min: Double
    public var p50: Double
    public var p90: Double
    public var p95: Double
    public var p99: Double
    public var p99_9: Double
    public var max: Double

    public init(
        count: Int, mean: Double, std: Double, min: Double, p50: Double, p90: Double, p95: Double, p99: Double,
        p99_9: Double, max: Double
    ) {
        self.count = count
        self.mean = mean
        self.std = std
        self.min = min
        self.p50 = p50
        self.p90 = p90
        self.p95 = p95
        self.p99 = p99
        self.p99_9 = p99_9
        self.max = max
    }
}
