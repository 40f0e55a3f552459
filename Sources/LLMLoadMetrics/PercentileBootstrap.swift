/// A confidence interval of the difference of one percentile between two runs, by the bootstrap
/// over each run's requests: resample each run's values with replacement, take the percentile
/// of each resample, and read the interval off the spread of the differences (the percentile
/// method). Seeded, so the same two runs always give the same interval.
///
/// Each resample's percentile is drawn directly, without drawing its n rows: in n values drawn
/// with replacement from a sorted sample, the k-th smallest is `sorted[⌊n·U⌋]` with U the k-th
/// smallest of n uniform values, which is Beta(k, n − k + 1). That is exactly the distribution
/// resampling the rows gives (a test holds the two together), and it costs two Gamma draws per
/// resample instead of n random rows: a 100 000-request run costs its sort, nothing more.
public struct PercentileBootstrap: Sendable {
    /// Resamples per interval.
    public var resamples: Int
    /// The interval's coverage, 0.95 for 95 %.
    public var confidence: Double
    public var seed: UInt64

    public init(resamples: Int = 2_000, confidence: Double = 0.95, seed: UInt64 = 0x6C6C_6D6C_6F61_6400) {
        precondition(resamples >= 10 && (0.5..<1).contains(confidence), "too few resamples or an odd confidence")
        self.resamples = resamples
        self.confidence = confidence
        self.seed = seed
    }

    /// An interval of plausible values; `lower` ≤ `upper`.
    public struct Interval: Sendable, Equatable {
        public var lower: Double
        public var upper: Double

        public init(lower: Double, upper: Double) {
            self.lower = lower
            self.upper = upper
        }

        public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }
    }

    /// How the candidate's percentile differs from the baseline's.
    public struct Difference: Sendable, Equatable {
        /// Candidate − baseline, of the samples as given.
        public var absolute: Double
        /// The interval of `absolute`.
        public var absoluteInterval: Interval
        /// The interval of (candidate − baseline) / baseline; `nil` when a resample's baseline
        /// percentile was 0 (no relative change exists).
        public var relativeInterval: Interval?
    }

    /// The difference at `percentile` (0–100) between two samples, each sorted ascending.
    /// - Parameter stream: tells apart the intervals of one comparison (metric, percentile,
    ///   run), so each has its own random numbers and adding one changes no other.
    /// - Returns: `nil` when a sample is empty.
    public func difference(
        baseline: [Double], candidate: [Double], percentile: Double, stream: UInt64 = 0
    ) -> Difference? {
        guard !baseline.isEmpty, !candidate.isEmpty else { return nil }
        let baseRank = Self.rank(percentile, count: baseline.count)
        let candidateRank = Self.rank(percentile, count: candidate.count)
        var sampler = BetaSampler(seed: seed ^ (stream &* 0x9E37_79B9_7F4A_7C15))
        var absolutes: [Double] = []
        var relatives: [Double] = []
        absolutes.reserveCapacity(resamples)
        relatives.reserveCapacity(resamples)
        var hasZeroBaseline = false
        for _ in 0..<resamples {
            let a = Self.resampledPercentile(baseline, rank: baseRank, sampler: &sampler)
            let b = Self.resampledPercentile(candidate, rank: candidateRank, sampler: &sampler)
            absolutes.append(b - a)
            if a == 0 { hasZeroBaseline = true } else { relatives.append((b - a) / a) }
        }
        return Difference(
            absolute: candidate[candidateRank - 1] - baseline[baseRank - 1],
            absoluteInterval: interval(of: &absolutes),
            relativeInterval: hasZeroBaseline ? nil : interval(of: &relatives)
        )
    }

    /// The value at `percentile` (0–100) of a sample sorted ascending, by nearest rank: what
    /// ``Difference/absolute`` is the difference of. `nil` when the sample is empty.
    public static func percentile(_ percentile: Double, ofSorted sorted: [Double]) -> Double? {
        sorted.isEmpty ? nil : sorted[rank(percentile, count: sorted.count) - 1]
    }

    /// The nearest rank (1…count) of `percentile`, as ``Distribution/percentile(_:)`` takes it.
    static func rank(_ percentile: Double, count: Int) -> Int {
        min(count, max(1, Int((percentile * Double(count) / 100).rounded(.up))))
    }

    /// The percentile of rank `rank` of one resample (with replacement) of `sorted`.
    static func resampledPercentile(_ sorted: [Double], rank: Int, sampler: inout BetaSampler) -> Double {
        let n = sorted.count
        let u = sampler.beta(Double(rank), Double(n - rank + 1))
        return sorted[min(n - 1, Int(u * Double(n)))]
    }

    /// The central `confidence` part of the resampled values, by rank.
    private func interval(of values: inout [Double]) -> Interval {
        values.sort()
        let tail = (1 - confidence) / 2
        let low = Int((tail * Double(values.count)).rounded(.down))
        let high = Int(((1 - tail) * Double(values.count)).rounded(.up)) - 1
        return Interval(lower: values[max(0, low)], upper: values[min(values.count - 1, high)])
    }
}
