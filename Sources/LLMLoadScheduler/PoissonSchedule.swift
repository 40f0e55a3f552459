import LLMLoadCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Open loop with Poisson arrivals: the gaps between requests are exponential with mean
/// 1 / rate, drawn from a ``SplitMix64`` seeded with `seed`, so the same seed offers exactly the
/// same load again.
///
/// Offsets are sums of gaps kept in whole nanoseconds: integer sums are exact, so a long run
/// does not drift the way a running `Double` sum would (each gap is rounded once, by ≤ 0.5 ns).
public struct PoissonSchedule: ArrivalSchedule {
    public let ratePerSecond: Double
    public let seed: UInt64
    private var generator: SplitMix64
    private var nextNanoseconds: Int64 = 0

    /// - Precondition: `ratePerSecond` is finite and positive (validated by the configuration).
    public init(ratePerSecond: Double, seed: UInt64) {
        precondition(ratePerSecond.isFinite && ratePerSecond > 0, "rate must be positive")
        self.ratePerSecond = ratePerSecond
        self.seed = seed
        generator = SplitMix64(seed: seed)
    }

    public mutating func nextOffset() -> Duration? {
        let offset = nextNanoseconds
        // Inverse transform: −ln(1 − u) / λ is exponential for u uniform in [0, 1); 1 − u > 0.
        let gap = (-log1p(-generator.nextUnit()) / ratePerSecond * 1e9).rounded()
        guard gap < 9.2e18, case (let sum, false) = offset.addingReportingOverflow(Int64(gap)) else {
            return nil
        }
        nextNanoseconds = sum
        return .nanoseconds(offset)
    }
}
