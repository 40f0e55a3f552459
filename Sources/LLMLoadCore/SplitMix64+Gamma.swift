#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension SplitMix64 {
    /// A Gamma(`shape`, 1) value, for any `shape` > 0: its mean is `shape`, its variance `shape`.
    ///
    /// Marsaglia and Tsang (2000), "A simple method for generating gamma variables", for shapes
    /// ≥ 1; below 1, their boost: Gamma(k) = Gamma(k + 1) · U^(1/k), taken in logarithms so a
    /// small shape's power underflows to zero only where the true value does.
    /// - Precondition: `shape` is finite and positive.
    public mutating func nextGamma(shape: Double) -> Double {
        precondition(shape.isFinite && shape > 0, "a gamma shape must be positive")
        guard shape < 1 else { return nextGammaOfShapeAtLeastOne(shape) }
        let boosted = nextGammaOfShapeAtLeastOne(shape + 1)
        // 1 − u is in (0, 1], so its logarithm is finite.
        let u = 1 - nextUnit()
        return exp(log(boosted) + log(u) / shape)
    }

    /// Marsaglia and Tsang's method, exact for `shape` ≥ 1.
    private mutating func nextGammaOfShapeAtLeastOne(_ shape: Double) -> Double {
        let d = shape - 1.0 / 3.0
        let c = 1 / (9 * d).squareRoot()
        while true {
            let x = nextNormal()
            let root = 1 + c * x
            guard root > 0 else { continue }
            let v = root * root * root
            let u = 1 - nextUnit()
            if log(u) < 0.5 * x * x + d - d * v + d * log(v) { return d * v }
        }
    }

    /// A standard normal value (Box–Muller; the second value of each pair is not kept).
    public mutating func nextNormal() -> Double {
        let u1 = 1 - nextUnit()
        let u2 = nextUnit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
