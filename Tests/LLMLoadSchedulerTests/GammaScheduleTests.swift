import Foundation
import LLMLoadCore
import LLMLoadScheduler
import Testing

/// Gamma arrivals as pure offsets: no clock, deterministic for a fixed seed (STYLE T6). The gaps
/// are held to the Gamma law of the requested shape with a Kolmogorov–Smirnov test, as
/// ``PoissonScheduleTests`` holds Poisson gaps to the exponential law.
@Suite struct GammaScheduleTests {
    private func offsets(rate: Double, k: Double, seed: UInt64, until end: Duration) -> [Duration] {
        var schedule = GammaSchedule(ratePerSecond: rate, burstiness: k, seed: seed)
        var offsets: [Duration] = []
        while let offset = schedule.nextOffset(), offset < end { offsets.append(offset) }
        return offsets
    }

    private func gapsInSeconds(_ offsets: [Duration]) -> [Double] {
        zip(offsets.dropFirst(), offsets).map { ($0 - $1).seconds }
    }

    /// Kolmogorov–Smirnov statistic of `sample` against Gamma gaps of shape `k` and mean 1 / `rate`.
    private func ksStatistic(_ sample: [Double], k: Double, rate: Double) -> Double {
        let sorted = sample.sorted()
        let n = Double(sorted.count)
        var statistic = 0.0
        for (i, x) in sorted.enumerated() {
            let cdf = regularizedLowerGamma(k, x * k * rate)
            statistic = max(statistic, abs(Double(i + 1) / n - cdf), abs(cdf - Double(i) / n))
        }
        return statistic
    }

    private func criticalValue(_ count: Int) -> Double { 1.63 / Double(count).squareRoot() }  // 1 % level

    private func coefficientOfVariation(_ sample: [Double]) -> Double {
        let mean = sample.reduce(0, +) / Double(sample.count)
        let variance = sample.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(sample.count - 1)
        return variance.squareRoot() / mean
    }

    @Test(arguments: [0.25, 0.5, 1, 2, 8])
    func at100PerSecondFor60SecondsTheGapsHaveTheRequestedShape(k: Double) {
        let offsets = offsets(rate: 100, k: k, seed: 42, until: .seconds(60))
        let gaps = gapsInSeconds(offsets)
        // The mean gap's standard error is cv / √n; four of them.
        let meanGap = gaps.reduce(0, +) / Double(gaps.count)
        let cvExpected = 1 / k.squareRoot()
        #expect(abs(meanGap * 100 - 1) < 4 * cvExpected / Double(gaps.count).squareRoot(), "mean gap \(meanGap) s")
        let statistic = ksStatistic(gaps, k: k, rate: 100)
        #expect(statistic < criticalValue(gaps.count), "KS \(statistic) against \(criticalValue(gaps.count))")
        let cv = coefficientOfVariation(gaps)
        #expect(abs(cv - cvExpected) / cvExpected < 0.08, "coefficient of variation \(cv), expected \(cvExpected)")
    }

    @Test func theSameChecksRejectAnotherShape() {
        // The test above can fail: bursty gaps are not Poisson, Poisson gaps are not bursty.
        let bursty = gapsInSeconds(offsets(rate: 100, k: 0.5, seed: 42, until: .seconds(60)))
        #expect(ksStatistic(bursty, k: 1, rate: 100) > criticalValue(bursty.count))
        let poisson = gapsInSeconds(offsets(rate: 100, k: 1, seed: 42, until: .seconds(60)))
        #expect(ksStatistic(poisson, k: 0.5, rate: 100) > criticalValue(poisson.count))
        #expect(ksStatistic(poisson, k: 2, rate: 100) > criticalValue(poisson.count))
    }

    @Test func theSameSeedOffersTheSameLoadAndAnotherSeedAnother() {
        let first = offsets(rate: 50, k: 0.5, seed: 7, until: .seconds(10))
        #expect(first == offsets(rate: 50, k: 0.5, seed: 7, until: .seconds(10)))
        let other = offsets(rate: 50, k: 0.5, seed: 8, until: .seconds(10))
        #expect(first != other)
        #expect(first != offsets(rate: 50, k: 0.6, seed: 7, until: .seconds(10)), "the shape changes the gaps")
    }

    @Test func offsetsStartAtZeroAndNeverGoBack() {
        let offsets = offsets(rate: 1000, k: 0.1, seed: 1, until: .seconds(5))
        #expect(offsets.first == .zero)
        #expect(zip(offsets.dropFirst(), offsets).allSatisfy { $0 >= $1 })
    }

    @Test func theIncompleteGammaOfTheseTestsIsRight() {
        // Closed forms: P(1, x) = 1 − e^−x; P(0.5, x) = erf(√x); P(2, x) = 1 − (1 + x) e^−x.
        for x in [0.01, 0.3, 1, 2.5, 7, 20] {
            #expect(abs(regularizedLowerGamma(1, x) - (1 - exp(-x))) < 1e-12)
            #expect(abs(regularizedLowerGamma(0.5, x) - erf(x.squareRoot())) < 1e-12)
            #expect(abs(regularizedLowerGamma(2, x) - (1 - (1 + x) * exp(-x))) < 1e-12)
        }
    }
}

/// The regularized lower incomplete gamma function P(a, x), the CDF of Gamma(a, 1) at x: a
/// series below a + 1, a continued fraction (modified Lentz) above (Numerical Recipes `gammp`).
func regularizedLowerGamma(_ a: Double, _ x: Double) -> Double {
    guard x > 0 else { return 0 }
    let logPrefix = a * log(x) - x - lgamma(a)
    if x < a + 1 {
        var term = 1 / a
        var sum = term
        var n = a
        for _ in 0..<10_000 {
            n += 1
            term *= x / n
            sum += term
            if abs(term) < abs(sum) * 1e-16 { break }
        }
        return sum * exp(logPrefix)
    }
    let tiny = 1e-300
    var b = x + 1 - a
    var c = 1 / tiny
    var d = 1 / b
    var h = d
    for i in 1..<10_000 {
        let an = -Double(i) * (Double(i) - a)
        b += 2
        d = an * d + b
        if abs(d) < tiny { d = tiny }
        c = b + an / c
        if abs(c) < tiny { c = tiny }
        d = 1 / d
        let delta = d * c
        h *= delta
        if abs(delta - 1) < 1e-16 { break }
    }
    return 1 - exp(logPrefix) * h
}
