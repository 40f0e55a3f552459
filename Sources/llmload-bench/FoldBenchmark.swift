import LLMLoadCore
import LLMLoadMetrics

/// What the record consumer folds for each finished request besides writing it: the run's
/// aggregator (every catalogue metric) and the time series. A 64-token successful request,
/// its tokens read one at a time (gaps of 5 ms) or ten at a time (nine gaps of 0, then 50 ms).
struct FoldBenchmark {
    var records = 0
    var elapsed = Duration.zero

    static func run(tokensPerRead: Int, for budget: Duration) -> FoldBenchmark {
        let clock = ContinuousClock()
        let origin = clock.now
        var record = CSVBenchmark.sampleRecord(origin: origin)
        record.interTokenGapsNanoseconds = (1..<64).map { token in
            token % tokensPerRead == 0 ? Int64(5_000_000 * tokensPerRead + token * 1_003) : 0
        }
        var aggregator = Aggregator(objectives: nil)
        var series = TimeSeries(origin: origin)
        var result = FoldBenchmark()
        result.elapsed = runBatches(for: budget) {
            for _ in 0..<1000 {
                record.index = result.records
                aggregator.add(record)
                series.add(record)
                result.records += 1
            }
        }
        // Keeps the folds from being optimized away.
        precondition(aggregator.recorded == result.records && !series.buckets().isEmpty)
        return result
    }

    func line(tokensPerRead: Int) -> String {
        let seconds = elapsed.seconds
        return "fold, \(tokensPerRead == 1 ? "1 token" : "\(tokensPerRead) tokens") a read: "
            + "\(Fixed.format(Double(records) / seconds / 1e3, 1)) k records/s, "
            + "\(Fixed.format(seconds * 1e9 / Double(records), 0)) ns a record  (aggregator and time series)"
    }
}
