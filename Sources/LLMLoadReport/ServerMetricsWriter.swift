import Foundation

/// Writes `server_metrics.jsonl` as the scrapes come: one line per scrape with every metric
/// the server sent, streamed through a buffer so nothing is held for the run
/// (see `docs/results-schema.md`).
///
/// ```
/// {"t_s":1.502,"metrics":[{"name":"vllm:num_requests_running","labels":{"model_name":"m"},"value":3}]}
/// {"t_s":2.501,"error":"GET /metrics: connection refused"}
/// ```
/// Non-finite values are the strings `"Infinity"`, `"-Infinity"` and `"NaN"`, as in summary.json.
public final class ServerMetricsWriter {
    /// The file's name in the run folder.
    public static let fileName = "server_metrics.jsonl"
    private let file: BufferedFileWriter

    /// One metric of a scrape, as the writer takes it.
    public struct Metric: Sendable {
        public var name: String
        public var labels: [(name: String, value: String)]
        public var value: Double

        public init(name: String, labels: [(name: String, value: String)] = [], value: Double) {
            self.name = name
            self.labels = labels
            self.value = value
        }
    }

    public init(url: URL) {
        file = BufferedFileWriter(url: url)
    }

    /// Why the file could not be written, if it could not.
    public var failure: String? { file.failure }

    /// One successful scrape at `tS` seconds from the run's origin.
    public func write(tS: Double, metrics: [Metric]) {
        var bytes = Array(#"{"t_s":"#.utf8)
        JSONStringEscaper.appendNumber(tS, to: &bytes)
        bytes += Array(#","metrics":["#.utf8)
        for (index, metric) in metrics.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes += Array(#"{"name":"#.utf8)
            JSONStringEscaper.appendString(metric.name, to: &bytes)
            if !metric.labels.isEmpty {
                bytes += Array(#","labels":{"#.utf8)
                for (labelIndex, label) in metric.labels.enumerated() {
                    if labelIndex > 0 { bytes.append(UInt8(ascii: ",")) }
                    JSONStringEscaper.appendString(label.name, to: &bytes)
                    bytes.append(UInt8(ascii: ":"))
                    JSONStringEscaper.appendString(label.value, to: &bytes)
                }
                bytes.append(UInt8(ascii: "}"))
            }
            bytes += Array(#","value":"#.utf8)
            JSONStringEscaper.appendNumber(metric.value, to: &bytes)
            bytes.append(UInt8(ascii: "}"))
        }
        bytes += Array("]}\n".utf8)
        file.write(bytes)
    }

    /// A scrape that failed, and why.
    public func write(tS: Double, error: String) {
        var bytes = Array(#"{"t_s":"#.utf8)
        JSONStringEscaper.appendNumber(tS, to: &bytes)
        bytes += Array(#","error":"#.utf8)
        JSONStringEscaper.appendString(error, to: &bytes)
        bytes += Array("}\n".utf8)
        file.write(bytes)
    }

    public func close() { file.close() }
}
