import Foundation
import LLMLoadCore
import LLMLoadMetrics
import LLMLoadReport

/// The single owner of the run's records: folds each into the aggregator and streams it to
/// `requests.csv`, then forgets it, so memory stays flat however long the run (STYLE C7).
enum RecordConsumer {
    static func consume(
        _ records: AsyncStream<RequestRecord>,
        origin: ContinuousClock.Instant,
        folder: RunFolder,
        objectives: ServiceLevelObjectives?,
        warmupSpan: Duration
    ) async -> Folded {
        var folded = Folded(
            aggregator: Aggregator(objectives: objectives),
            timeSeries: TimeSeries(origin: origin, warmupSpan: warmupSpan)
        )
        let csv = RequestsCSVWriter(url: folder.file("requests.csv"), origin: origin)
        for await record in records {
            folded.aggregator.add(record)
            folded.timeSeries.add(record)
            csv.append(record)
        }
        csv.close()
        folded.csvFailure = csv.failure
        return folded
    }

    /// Everything the consumer kept of the records.
    struct Folded: Sendable {
        var aggregator: Aggregator
        var timeSeries: TimeSeries
        /// Why `requests.csv` could not be written, if it could not.
        var csvFailure: String?
    }
}
