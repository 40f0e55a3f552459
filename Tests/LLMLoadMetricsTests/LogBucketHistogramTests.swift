import LLMLoadMetrics
import Testing

@Suite struct LogBucketHistogramTests {
    @Test func anEmptyHistogramHasNoMedian() {
        #expect(LogBucketHistogram().value(atQuantile: 0.5) == nil)
    }

    @Test func smallValuesAreExact() {
        var histogram = LogBucketHistogram()
        for value in [3, 1, 2] as [Int64] { histogram.record(value) }
        #expect(histogram.value(atQuantile: 0.5) == 2)
        #expect(histogram.value(atQuantile: 1) == 3)
        #expect(histogram.value(atQuantile: 0) == 1)
    }

    @Test(arguments: [40 as Int64, 999, 85_300, 1_234_567, 300_000_000, 1 << 39])
    func everyValueComesBackWithin1Point6Percent(value: Int64) {
        var histogram = LogBucketHistogram()
        histogram.record(value)
        let back = Double(histogram.value(atQuantile: 0.5)!)
        #expect(abs(back - Double(value)) / Double(value) <= 1.0 / 64, "\(value) came back as \(back)")
    }

    @Test func theMedianOfManyValuesIsTheMiddleOne() {
        var histogram = LogBucketHistogram()
        for ms in 1...1001 { histogram.record(Int64(ms) * 1000) }  // 1 ms … 1001 ms
        let median = Double(histogram.value(atQuantile: 0.5)!)
        #expect(abs(median - 501_000) / 501_000 < 0.016)
        #expect(histogram.count == 1001)
    }

    @Test func outOfRangeValuesAreClamped() {
        var histogram = LogBucketHistogram()
        histogram.record(-5)
        histogram.record(.max)
        #expect(histogram.value(atQuantile: 0) == 0)
        #expect(histogram.value(atQuantile: 1)! > 1 << 40)
    }
}
