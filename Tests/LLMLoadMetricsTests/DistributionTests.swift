import Foundation
import Testing

@testable import LLMLoadMetrics

@Suite struct DistributionTests {
    @Test func percentilesOfKnownSamplesAreWithinHalfAPerMille() throws {
        var distribution = Distribution.milliseconds()
        // 1 ms … 1000 ms, shuffled: the nearest-rank P50 is 500, P90 900, P99 990, P99.9 999.
        var values = (1...1000).map(Double.init)
        values.shuffle()
        for value in values { distribution.record(value) }
        let summary = try #require(distribution.summary)
        for (measured, exact) in [
            (summary.p50, 500.0), (summary.p90, 900), (summary.p95, 950), (summary.p99, 990), (summary.p99_9, 999),
        ] {
            #expect(abs(measured - exact) <= exact * 0.0005, "\(measured) vs \(exact)")
        }
        #expect(summary.count == 1000)
        #expect(summary.min == 1)
        #expect(summary.max == 1000)
        #expect(abs(summary.mean - 500.5) < 1e-9)
        // Population standard deviation of 1…n is sqrt((n² − 1) / 12).
        #expect(abs(summary.std - ((1_000_000.0 - 1) / 12).squareRoot()) < 1e-6)
    }

    @Test func aSingleSampleIsEveryStatistic() throws {
        var distribution = Distribution.milliseconds()
        distribution.record(Duration.microseconds(201_437))
        let summary = try #require(distribution.summary)
        #expect(summary.min == 201.437)
        #expect(summary.p50 == 201.437, "clamped to the exact value")
        #expect(summary.p99_9 == 201.437)
        #expect(summary.std == 0)
    }

    @Test func nanosecondsRecordedTogetherLeaveWhatRecordingThemOneByOneLeaves() throws {
        // Zeros among them, values that round either way at the microsecond, one on a tie
        // (1.5 µs), a negative one (clamped to 0) and one past the first range.
        let gaps: [Int64] = [0, 5_000_123, 0, 0, 1_500, 999, 0, -7, 49_999_999_999, 70_000_000_000, 0, 1]
        var oneByOne = Distribution.milliseconds()
        var together = Distribution.milliseconds()
        oneByOne.record(3.25)
        together.record(3.25)
        for gap in gaps { oneByOne.record(Double(gap) / 1e6) }
        together.recordMilliseconds(nanoseconds: gaps)
        together.recordMilliseconds(nanoseconds: [])
        #expect(together.snapshot == oneByOne.snapshot, "the same counts and sums")
        #expect(together.summary == oneByOne.summary)
        #expect(together.count == 13)

        var onlyZeros = Distribution.milliseconds()
        onlyZeros.recordMilliseconds(nanoseconds: [0, 0, 0])
        let summary = try #require(onlyZeros.summary)
        #expect(summary.count == 3)
        #expect([summary.min, summary.p50, summary.max] == [0, 0, 0])
        var none = Distribution.milliseconds()
        none.recordMilliseconds(nanoseconds: [])
        #expect(none.summary == nil && !none.holdsCounts, "no values, no counts made")
    }

    @Test func anEmptyDistributionHasNoSummary() {
        #expect(Distribution.milliseconds().summary == nil)
        #expect(Distribution.milliseconds().percentile(50) == nil)
    }

    @Test func mergedShardsEqualTheWhole() throws {
        var whole = Distribution.milliseconds()
        var shards = [Distribution.milliseconds(), .milliseconds(), .milliseconds()]
        var generator = SystemRandomNumberGenerator()
        for index in 0..<30_000 {
            let value = Double.random(in: 0.05...5000, using: &generator)
            whole.record(value)
            shards[index % 3].record(value)
        }
        var merged = shards[0]
        merged.merge(shards[1])
        merged.merge(shards[2])
        let a = try #require(merged.summary)
        let b = try #require(whole.summary)
        #expect(a.count == b.count)
        #expect(a.min == b.min && a.max == b.max)
        #expect([a.p50, a.p90, a.p95, a.p99, a.p99_9] == [b.p50, b.p90, b.p95, b.p99, b.p99_9])
        #expect(abs(a.mean - b.mean) < 1e-9 * b.mean)
    }

    /// A latency's counts cover a minute at first: longer values (a 2-hour answer, a timeout
    /// set in hours) grow them at the same precision, and a grown shard merges with one that
    /// did not grow, both ways.
    @Test func valuesPastTheFirstRangeKeepTheirPrecisionAndMerge() throws {
        var long = Distribution.milliseconds()
        var short = Distribution.milliseconds()
        var whole = Distribution.milliseconds()
        // 1 ms … 2 h, spread evenly on a log scale; the short shard stays under a minute.
        let values = (0..<5_000).map { 1.0 * pow(7_200_000.0, Double($0) / 4_999) }
        for (index, value) in values.enumerated() {
            whole.record(value)
            if value < 60_000 && index.isMultiple(of: 2) { short.record(value) } else { long.record(value) }
        }
        let summary = try #require(whole.summary)
        let sorted = values.sorted()
        for (measured, rank) in [(summary.p50, 0.5), (summary.p90, 0.9), (summary.p99, 0.99), (summary.p99_9, 0.999)] {
            let exact = sorted[Int((rank * Double(sorted.count)).rounded(.up)) - 1]
            #expect(abs(measured - exact) <= exact * 0.0005, "\(measured) vs \(exact)")
        }
        #expect(summary.max == 7_200_000)
        for (first, second) in [(long, short), (short, long)] {
            var merged = first
            merged.merge(second)
            let figures = try #require(merged.summary)
            #expect(
                [figures.p50, figures.p90, figures.p99, figures.p99_9, figures.max]
                    == [summary.p50, summary.p90, summary.p99, summary.p99_9, summary.max])
        }
    }

    @Test func ignoresNonFiniteValues() {
        var distribution = Distribution.rate()
        distribution.record(Double.nan)
        distribution.record(Double.infinity)
        #expect(distribution.count == 0)
    }
}

@Suite struct DistributionSnapshotTests {
    @Test func aSnapshotRebuildsTheSameStatistics() throws {
        var distribution = Distribution.milliseconds()
        for value in stride(from: 0.3, through: 2500, by: 1.7) { distribution.record(value) }
        let rebuilt = Distribution(snapshot: distribution.snapshot)
        #expect(rebuilt.summary == distribution.summary)
        #expect(distribution.snapshot.buckets.count < distribution.count, "compact: one entry per used bucket")
    }

    @Test func snapshotsOfShardsMergeIntoTheWhole() throws {
        var whole = Distribution.milliseconds()
        var shards = [Distribution.milliseconds(), .milliseconds()]
        for index in 0..<5000 {
            let value = Double((index * 7919) % 3001) / 3 + 0.25
            whole.record(value)
            shards[index % 2].record(value)
        }
        var merged = Distribution(snapshot: shards[0].snapshot)
        merged.merge(Distribution(snapshot: shards[1].snapshot))
        let a = try #require(merged.summary)
        let b = try #require(whole.summary)
        #expect(
            [a.count, a.p50, a.p90, a.p99, a.p99_9].map { "\($0)" }
                == [b.count, b.p50, b.p90, b.p99, b.p99_9].map { "\($0)" })
        #expect(a.min == b.min && a.max == b.max)
        #expect(abs(a.mean - b.mean) < 1e-9 && abs(a.std - b.std) < 1e-6)
    }

    @Test func anEmptySnapshotStaysEmpty() {
        let empty = Distribution(snapshot: Distribution.rate().snapshot)
        #expect(empty.summary == nil)
        #expect(Distribution.rate().snapshot.min == nil)
    }

    /// The counts are made at the first value: empty metrics hold none, and merging or
    /// restoring an empty one makes none; filling one later gives what one filled from the start
    /// gives.
    @Test func countsAreMadeAtTheFirstValue() throws {
        var lazy = Distribution.milliseconds()
        #expect(!lazy.holdsCounts)
        lazy.merge(.milliseconds())
        lazy.record(.nan)
        #expect(!lazy.holdsCounts && lazy.summary == nil && lazy.percentile(50) == nil)
        #expect(!Distribution(snapshot: lazy.snapshot).holdsCounts)

        var filled = Distribution.milliseconds()
        for value in stride(from: 0.5, through: 90_000, by: 7.25) { filled.record(value) }
        #expect(filled.holdsCounts)
        lazy.merge(filled)
        #expect(lazy.holdsCounts)
        var restored = Distribution(snapshot: filled.snapshot)
        #expect(restored.holdsCounts)
        for d in [lazy, restored] {
            let (a, b) = (try #require(d.summary), try #require(filled.summary))
            #expect(
                a.count == b.count && [a.p50, a.p90, a.p99, a.p99_9, a.max] == [b.p50, b.p90, b.p99, b.p99_9, b.max])
        }
        // Recording after a restore goes on from the restored counts.
        restored.record(1)
        #expect(restored.summary?.count == filled.count + 1 && restored.summary?.min == 0.5)
    }
}
