import LLMLoadCore
import Testing

@testable import LLMLoadMetrics

@Suite struct PercentileBootstrapTests {
    /// `count` values from a seeded log-normal-like spread around `center` (a latency shape).
    static func sample(_ count: Int, center: Double, seed: UInt64) -> [Double] {
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { _ in center * (0.7 + 0.6 * generator.nextUnit() * generator.nextUnit()) }.sorted()
    }

    @Test func identicalSamplesGiveAnIntervalAroundZero() throws {
        let values = Self.sample(500, center: 200, seed: 1)
        for percentile in [50.0, 90, 99] {
            let difference = try #require(
                PercentileBootstrap().difference(baseline: values, candidate: values, percentile: percentile))
            #expect(difference.absolute == 0)
            #expect(difference.absoluteInterval.contains(0), "P\(percentile): \(difference)")
            #expect(try #require(difference.relativeInterval).contains(0))
            // Not a degenerate interval: resampling spreads the percentile.
            #expect(difference.absoluteInterval.upper > difference.absoluteInterval.lower)
        }
    }

    @Test func shiftedSamplesGiveAnIntervalAroundTheShift() throws {
        let baseline = Self.sample(1_000, center: 200, seed: 2)
        let candidate = Self.sample(1_000, center: 200, seed: 3).map { $0 + 20 }
        let difference = try #require(
            PercentileBootstrap().difference(baseline: baseline, candidate: candidate, percentile: 50))
        #expect(difference.absolute == candidate[499] - baseline[499], "the medians' difference")
        #expect(difference.absoluteInterval.contains(difference.absolute))
        #expect(difference.absoluteInterval.lower > 10 && difference.absoluteInterval.upper < 30)
        let relative = try #require(difference.relativeInterval)
        #expect(relative.lower > 0.05 && relative.upper < 0.15, "\(relative)")
    }

    /// Samples that differ only by chance (two draws of the same spread) give an interval that
    /// holds 0, and a real 10 % shift of the same draws one that does not.
    @Test func chanceDifferencesAreNotShownAndRealOnesAre() throws {
        let a = Self.sample(300, center: 200, seed: 4)
        let b = Self.sample(300, center: 200, seed: 5)
        let bootstrap = PercentileBootstrap()
        for percentile in [50.0, 90] {
            let same = try #require(bootstrap.difference(baseline: a, candidate: b, percentile: percentile))
            #expect(same.absoluteInterval.contains(0), "P\(percentile): \(same)")
            let shifted = try #require(
                bootstrap.difference(baseline: a, candidate: b.map { $0 * 1.1 }, percentile: percentile))
            #expect(!shifted.absoluteInterval.contains(0), "P\(percentile): \(shifted)")
        }
    }

    @Test func theSameSeedGivesTheSameIntervalAndAnotherStreamAnother() throws {
        let a = Self.sample(200, center: 100, seed: 6)
        let b = Self.sample(200, center: 110, seed: 7)
        let bootstrap = PercentileBootstrap()
        let first = bootstrap.difference(baseline: a, candidate: b, percentile: 90, stream: 1)
        #expect(first == bootstrap.difference(baseline: a, candidate: b, percentile: 90, stream: 1))
        #expect(first != bootstrap.difference(baseline: a, candidate: b, percentile: 90, stream: 2))
    }

    @Test func anEmptySampleHasNoInterval() {
        #expect(PercentileBootstrap().difference(baseline: [], candidate: [1], percentile: 50) == nil)
    }

    @Test func aZeroBaselineHasNoRelativeInterval() throws {
        let zeros = [Double](repeating: 0, count: 50)
        let difference = try #require(
            PercentileBootstrap().difference(baseline: zeros, candidate: zeros.map { $0 + 1 }, percentile: 50))
        #expect(difference.relativeInterval == nil)
        #expect(difference.absoluteInterval == .init(lower: 1, upper: 1))
    }

    @Test func ranksAreNearestRank() {
        #expect(PercentileBootstrap.rank(50, count: 100) == 50)
        #expect(PercentileBootstrap.rank(99, count: 100) == 99)
        #expect(PercentileBootstrap.rank(99, count: 10) == 10)
        #expect(PercentileBootstrap.rank(50, count: 1) == 1)
        #expect(PercentileBootstrap.rank(0, count: 7) == 1)
        #expect(PercentileBootstrap.percentile(50, ofSorted: [1, 2, 3, 4]) == 2)
        #expect(PercentileBootstrap.percentile(99, ofSorted: [1, 2, 3, 4]) == 4)
        #expect(PercentileBootstrap.percentile(50, ofSorted: []) == nil)
    }

    /// The shortcut (a Beta draw per resample) against resampling every row: the spread of the
    /// resampled median must be the same, quantile by quantile.
    @Test func drawingTheRankMatchesResamplingTheRows() {
        let sorted = Self.sample(101, center: 50, seed: 8)
        let rank = PercentileBootstrap.rank(50, count: sorted.count)
        let resamples = 20_000
        var sampler = BetaSampler(seed: 9)
        let drawn = (0..<resamples).map { _ in
            PercentileBootstrap.resampledPercentile(sorted, rank: rank, sampler: &sampler)
        }.sorted()
        var generator = SplitMix64(seed: 10)
        let resampled = (0..<resamples).map { _ in
            (0..<sorted.count).map { _ in sorted[Int(generator.next() % UInt64(sorted.count))] }.sorted()[rank - 1]
        }.sorted()
        for quantile in [0.025, 0.25, 0.5, 0.75, 0.975] {
            let index = Int(quantile * Double(resamples))
            let (mine, rows) = (drawn[index], resampled[index])
            // Within two ranks of the sorted sample: both are draws from the same discrete law.
            let (rankMine, rankRows) = (sorted.firstIndex(of: mine)!, sorted.firstIndex(of: rows)!)
            #expect(abs(rankMine - rankRows) <= 2, "quantile \(quantile): rank \(rankMine) against \(rankRows)")
        }
    }

    @Test func betaDrawsHaveTheirMeanAndSpread() {
        var sampler = BetaSampler(seed: 11)
        for (alpha, beta) in [(1.0, 1.0), (3.0, 7.0), (500.0, 500.0)] {
            let draws = (0..<20_000).map { _ in sampler.beta(alpha, beta) }
            let mean = draws.reduce(0, +) / Double(draws.count)
            let variance = draws.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(draws.count)
            let expectedMean = alpha / (alpha + beta)
            let expectedVariance = alpha * beta / ((alpha + beta) * (alpha + beta) * (alpha + beta + 1))
            #expect(abs(mean - expectedMean) < 0.01, "Beta(\(alpha), \(beta)) mean \(mean)")
            #expect(abs(variance / expectedVariance - 1) < 0.05, "Beta(\(alpha), \(beta)) variance \(variance)")
        }
    }
}
