import LLMLoadCore

/// Open loop with bursty arrivals: the gaps between requests are Gamma-distributed with shape
/// `burstiness` (k) and mean 1 / rate (scale 1 / (k · rate)), drawn from a ``SplitMix64``
/// seeded with `seed`, so the same seed offers exactly the same load again.
///
/// k = 1 is Poisson (exponential gaps); a smaller k is burstier (the gaps' coefficient of
/// variation is 1/√k: bunches of requests, then silences), a larger k more regular. The mean
/// rate is the same for every k. The draws are not ``PoissonSchedule``'s: k = 1 has Poisson's
/// law, not its instants for the same seed.
///
/// Offsets are sums of gaps kept in whole nanoseconds, as ``PoissonSchedule``'s, so nothing
/// drifts over a long run.
public struct GammaSchedule: ArrivalSchedule {
    public let ratePerSecond: Double
    public let burstiness: Double
    public let seed: UInt64
    private var generator: SplitMix64
    private var nextNanoseconds: Int64 = 0

    /// - Precondition: `ratePerSecond` and `burstiness` are finite and positive (validated by
    ///   the configuration).
    public init(ratePerSecond: Double, burstiness: Double, seed: UInt64) {
        precondition(ratePerSecond.isFinite && ratePerSecond > 0, "rate must be positive")
        precondition(burstiness.isFinite && burstiness > 0, "burstiness must be positive")
        self.ratePerSecond = ratePerSecond
        self.burstiness = burstiness
        self.seed = seed
        generator = SplitMix64(seed: seed)
    }

    public mutating func nextOffset() -> Duration? {
        let offset = nextNanoseconds
        let gap = (generator.nextGamma(shape: burstiness) / (burstiness * ratePerSecond) * 1e9).rounded()
        guard gap < 9.2e18, case (let sum, false) = offset.addingReportingOverflow(Int64(gap)) else {
            return nil
        }
        nextNanoseconds = sum
        return .nanoseconds(offset)
    }
}
