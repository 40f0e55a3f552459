import Foundation
import LLMLoadCore
import LLMLoadScheduler
import Testing

/// Poisson arrivals as pure offsets: no clock, deterministic for a fixed seed (STYLE T6).
@Suite struct PoissonScheduleTests {
    /// Every offset before `end` at `rate` with `seed`.
    private func offsets(rate: Double, seed: UInt64, until end: Duration) -> [Duration] {
        var schedule = PoissonSchedule(ratePerSecond: rate, seed: seed)
        var offsets: [Duration] = []
        while let offset = schedule.nextOffset(), offset < end { offsets.append(offset) }
        return offsets
    }

    private func gapsInSeconds(_ offsets: [Duration]) -> [Double] {
        zip(offsets.dropFirst(), offsets).map { ($0 - $1).seconds }
    }

    /// Kolmogorov–Smirnov statistic of `sample` against the exponential distribution of `rate`.
    private func ksStatistic(_ sample: [Double], rate: Double) -> Double {
        let sorted = sample.sorted()
        let n = Double(sorted.count)
        var statistic = 0.0
        for (i, x) in sorted.enumerated() {
            let cdf = 1 - exp(-rate * x)
            statistic = max(statistic, abs(Double(i + 1) / n - cdf), abs(cdf - Double(i) / n))
        }
        return statistic
    }

    private func coefficientOfVariation(_ sample: [Double]) -> Double {
        let mean = sample.reduce(0, +) / Double(sample.count)
        let variance = sample.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(sample.count - 1)
        return variance.squareRoot() / mean
    }

    @Test func at100PerSecondFor60SecondsTheGapsAreExponential() {
        let offsets = offsets(rate: 100, seed: 42, until: .seconds(60))
        let rate = Double(offsets.count) / 60
        #expect(abs(rate - 100) / 100 < 0.03, "mean rate \(rate)/s")
        let gaps = gapsInSeconds(offsets)
        let critical = 1.63 / Double(gaps.count).squareRoot()  // 1 % level
        let statistic = ksStatistic(gaps, rate: 100)
        #expect(statistic < critical, "KS \(statistic) against the 1 % critical value \(critical)")
        // An exponential's standard deviation equals its mean; evenly spaced requests have none.
        let cv = coefficientOfVariation(gaps)
        #expect(abs(cv - 1) < 0.05, "coefficient of variation \(cv)")
    }

    @Test func theSameChecksRejectEvenSpacing() {
        // The checks above can fail: constant gaps at the same rate fail both.
        var schedule = ConstantRateSchedule(ratePerSecond: 100)
        let offsets = (0..<6000).map { _ in schedule.nextOffset()! }
        let gaps = gapsInSeconds(offsets)
        #expect(ksStatistic(gaps, rate: 100) > 1.63 / Double(gaps.count).squareRoot())
        #expect(coefficientOfVariation(gaps) < 0.01)
    }

    @Test func theSameSeedOffersTheSameLoadAndAnotherSeedAnother() {
        let first = offsets(rate: 50, seed: 7, until: .seconds(10))
        #expect(first == offsets(rate: 50, seed: 7, until: .seconds(10)))
        let other = offsets(rate: 50, seed: 8, until: .seconds(10))
        #expect(first != other)
        #expect(zip(first.dropFirst(), other.dropFirst()).filter { $0 == $1 }.isEmpty, "no shared instants")
    }

    @Test func offsetsStartAtZeroAndNeverGoBack() {
        let offsets = offsets(rate: 1000, seed: 1, until: .seconds(5))
        #expect(offsets.first == .zero)
        #expect(zip(offsets.dropFirst(), offsets).allSatisfy { $0 >= $1 })
    }

    @Test func theGeneratorIsSplitMix64() {
        // Reference values of SplitMix64 seeded with 0 (as in Vigna's splitmix64.c).
        var generator = SplitMix64(seed: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
    }
}
