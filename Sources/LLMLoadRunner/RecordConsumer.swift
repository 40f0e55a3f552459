import Foundation
import LLMLoadCore
import LLMLoadMetrics
import LLMLoadReport

/// The single owner of the run's records: folds each into the aggregator and streams it to
/// `requests.csv`, then forgets it, so memory stays flat however long the run (STYLE C7).
enum RecordConsumer {
    /// - Returns: the aggregate, and why `requests.csv` could not be written, if it could not.
    static func consume(
        _ records: AsyncStream<RequestRecord>,
        origin: ContinuousClock.Instant,
        folder: RunFolder,
        objectives: ServiceLevelObjectives?
    ) async -> (Aggregator, String?) {
        var aggregator = Aggregator(objectives: objectives)
        let csv = RequestsCSVWriter(url: folder.file("requests.csv"), origin: origin)
        for await record in records {
            aggregator.add(record)
            csv.append(record)
        }
        csv.close()
        return (aggregator, csv.failure)
    }
}
