import Foundation
import LLMLoadCore
import LLMLoadMetrics
import LLMLoadReport

/// A finished request and the prompt it was sent with (the record holds only what was measured).
package struct FinishedRequest: Sendable {
    package var record: RequestRecord
    package var prompt: String

    package init(record: RequestRecord, prompt: String) {
        self.record = record
        self.prompt = prompt
    }
}

/// The single owner of the run's records: folds each into the aggregator and streams it to
/// `requests.csv`, `responses.jsonl` and `responses.txt`, then forgets it, so memory stays flat
/// however long the run (STYLE C7).
enum RecordConsumer {
    static func consume(
        _ records: RecordQueue,
        origin: ContinuousClock.Instant,
        folder: RunFolder,
        objectives: ServiceLevelObjectives?,
        warmupSpan: Duration,
        targets: Int = 1
    ) async -> Folded {
        var folded = Folded(
            aggregator: Aggregator(objectives: objectives),
            timeSeries: TimeSeries(origin: origin, warmupSpan: warmupSpan),
            byTarget: targets > 1 ? Array(repeating: Aggregator(objectives: objectives), count: targets) : []
        )
        let csv = RequestsCSVWriter(url: folder.file("requests.csv"), origin: origin)
        let responses = ResponsesWriter(folder: folder, origin: origin)
        for await batch in records.batches() {
            for finished in batch {
                folded.aggregator.add(finished.record)
                // The same aggregation again, per replica: one more fold, not another path.
                if !folded.byTarget.isEmpty { folded.byTarget[finished.record.targetIndex].add(finished.record) }
                folded.timeSeries.add(finished.record)
                csv.append(finished.record)
                responses.append(finished.record, prompt: finished.prompt)
            }
        }
        csv.close()
        responses.close()
        folded.writeFailures = [csv.failure].compactMap { $0 } + responses.failures
        return folded
    }

    /// Everything the consumer kept of the records.
    struct Folded: Sendable {
        var aggregator: Aggregator
        var timeSeries: TimeSeries
        /// One aggregator per replica, by position; empty for a single server.
        var byTarget: [Aggregator] = []
        /// Why `requests.csv` or the responses could not be written, for those that could not.
        var writeFailures: [String] = []
    }
}
