/// One page of Prometheus's text exposition format (version 0.0.4, what vLLM, llama.cpp,
/// SGLang and TGI serve at `/metrics`), read into its samples and the families' `# TYPE` and
/// `# HELP` lines.
///
/// Parsing never fails: a line that is not a sample or a known comment is counted in
/// ``skippedLines`` and the rest of the page is still read, because a scrape must never cost a
/// run, and servers do add odd lines (OpenMetrics' `# EOF`, `# UNIT`, exemplars).
public struct PrometheusText: Sendable, Equatable {
    /// A family's type, as `# TYPE` declares it.
    public enum MetricType: String, Sendable, Equatable {
        case counter, gauge, histogram, summary, untyped
    }

    /// One sample line: `name{label="value",…} value [timestamp]`.
    public struct Sample: Sendable, Equatable {
        public var name: String
        /// In the order written; values unescaped (`\\`, `\"`, `\n`).
        public var labels: [Label]
        /// `+Inf`, `-Inf` and `NaN` included.
        public var value: Double

        public init(name: String, labels: [Label] = [], value: Double) {
            self.name = name
            self.labels = labels
            self.value = value
        }

        /// The value of label `name`, if the sample has it.
        public func label(_ name: String) -> String? { labels.first { $0.name == name }?.value }
    }

    /// One `name="value"` pair of a sample.
    public struct Label: Sendable, Equatable {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public var samples: [Sample] = []
    /// `# TYPE` by family name.
    public var types: [String: MetricType] = [:]
    /// `# HELP` by family name, unescaped.
    public var help: [String: String] = [:]
    /// Lines that were neither a sample nor a comment this reader knows.
    public var skippedLines = 0

    public init() {}

    /// Reads a whole page.
    public init(_ text: String) {
        var bytes = Array(text.utf8)
        if bytes.last != UInt8(ascii: "\n") { bytes.append(UInt8(ascii: "\n")) }
        var lineStart = 0
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
            read(line: bytes[lineStart..<index])
            lineStart = index + 1
        }
    }

    /// The declared type of the family a sample belongs to: a histogram's `_bucket`, `_sum`
    /// and `_count` samples, and a counter's `_total` (as Python's client names them), take
    /// their family's type.
    public func type(ofSample name: String) -> MetricType? {
        if let type = types[name] { return type }
        for suffix in ["_bucket", "_sum", "_count", "_total", "_created"] where name.hasSuffix(suffix) {
            if let type = types[String(name.dropLast(suffix.count))] { return type }
        }
        return nil
    }

    private mutating func read(line: ArraySlice<UInt8>) {
        var scanner = PrometheusLineScanner(line)
        scanner.skipBlanks()
        if scanner.isAtEnd { return }
        if scanner.peek == UInt8(ascii: "#") {
            readComment(&scanner)
            return
        }
        if let sample = scanner.sample() {
            samples.append(sample)
        } else {
            skippedLines += 1
        }
    }

    private mutating func readComment(_ scanner: inout PrometheusLineScanner) {
        scanner.advance()
        scanner.skipBlanks()
        let keyword = scanner.word()
        guard keyword == "TYPE" || keyword == "HELP" else { return }  // any other comment is allowed
        scanner.skipBlanks()
        guard let name = scanner.metricName() else {
            skippedLines += 1
            return
        }
        scanner.skipBlanks()
        if keyword == "HELP" {
            help[name] = scanner.restUnescaped()
        } else if let type = MetricType(rawValue: scanner.word()) {
            types[name] = type
        } else {
            skippedLines += 1
        }
    }
}
