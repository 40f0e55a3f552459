import Foundation
import LLMLoadCore

/// Draws from Beta and Gamma distributions with a seeded generator, for the bootstrap of a
/// percentile (``PercentileBootstrap``): the k-th smallest of n uniform values is Beta(k, n − k + 1).
///
/// Gamma by Marsaglia and Tsang (2000), in ``SplitMix64/nextGamma(shape:)``: a rank needs only
/// shapes ≥ 1 (k ≥ 1 and n − k + 1 ≥ 1).
struct BetaSampler {
    var generator: SplitMix64

    init(seed: UInt64) {
        generator = SplitMix64(seed: seed)
    }

    /// A Beta(`alpha`, `beta`) value, both ≥ 1: X / (X + Y) with X ~ Gamma(alpha), Y ~ Gamma(beta).
    mutating func beta(_ alpha: Double, _ beta: Double) -> Double {
        let x = gamma(alpha)
        let y = gamma(beta)
        return x / (x + y)
    }

    /// A Gamma(`shape`, 1) value, `shape` ≥ 1 (``SplitMix64/nextGamma(shape:)``, the draw the
    /// arrival schedules use too).
    mutating func gamma(_ shape: Double) -> Double {
        precondition(shape >= 1, "shapes below 1 are never drawn here")
        return generator.nextGamma(shape: shape)
    }
}
