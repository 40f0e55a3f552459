import Foundation
import LLMLoadMetrics

/// Writes `timeseries.csv`: one row per second of the run (see `docs/results-schema.md`).
public enum TimeSeriesCSVWriter {
    public static let columns = [
        "second", "phase", "offered", "sent", "completed", "failed", "in_flight", "output_tokens_per_s",
        "ttft_mean_ms", "ttft_p95_ms", "e2e_mean_ms", "e2e_p95_ms",
    ]

    /// - Returns: why the file could not be written, or `nil` when it was.
    public static func write(_ buckets: [TimeSeries.Bucket], to url: URL) -> String? {
        func number(_ value: Double?) -> String { value.map(RequestsCSVWriter.decimal) ?? "" }
        var text = RequestsCSVWriter.line(columns)
        for b in buckets {
            text += RequestsCSVWriter.line([
                String(b.second), b.isWarmup ? "warmup" : "measure", String(b.offered), String(b.sent),
                String(b.completed), String(b.failed), String(b.inFlight), number(b.outputTokensPerS),
                number(b.ttftMeanMs), number(b.ttftP95Ms), number(b.e2eMeanMs), number(b.e2eP95Ms),
            ])
        }
        do {
            try Data(text.utf8).write(to: url, options: .atomic)
            return nil
        } catch {
            return "could not write \(url.lastPathComponent): \(error.localizedDescription)"
        }
    }
}
