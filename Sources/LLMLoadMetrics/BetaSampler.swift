import Foundation
import LLMLoadCore

/// Draws from Beta and Gamma distributions with a seeded generator, for the bootstrap of a
/// percentile (``PercentileBootstrap``): the k-th smallest of n uniform values is Beta(k, n − k + 1).
///
/// Gamma by Marsaglia and Tsang (2000), "A simple method for generating gamma variables": exact
/// for shapes ≥ 1, which is all a rank needs (k ≥ 1 and n − k + 1 ≥ 1). Normals by Box–Muller.
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

    /// A Gamma(`shape`, 1) value, `shape` ≥ 1.
    mutating func gamma(_ shape: Double) -> Double {
        precondition(shape >= 1, "shapes below 1 are never drawn here")
        let d = shape - 1.0 / 3.0
        let c = 1 / (9 * d).squareRoot()
        while true {
            let x = normal()
            let root = 1 + c * x
            guard root > 0 else { continue }
            let v = root * root * root
            // 1 − u is in (0, 1], so its logarithm is finite.
            let u = 1 - generator.nextUnit()
            if log(u) < 0.5 * x * x + d - d * v + d * log(v) { return d * v }
        }
    }

    /// A standard normal value (Box–Muller; the second value of each pair is not kept).
    mutating func normal() -> Double {
        let u1 = 1 - generator.nextUnit()
        let u2 = generator.nextUnit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
