import LLMLoadCore

/// A figure measured on each successful request and summarised over the run as a distribution.
///
/// Every output that lists metrics takes its rows from ``MetricCatalogue/all``: the aggregator's
/// distributions, `summary.json`'s `latency` and `histograms`, the console table, the report's
/// percentile table and distribution charts, and the metric columns of `requests.csv`. So a
/// metric is described once; `docs/ARCHITECTURE.md` ("Adding a metric") gives the steps.
public struct Metric: Sendable, Identifiable {
    /// What a metric's values count; the distribution's range and the charts' axis follow from it.
    public enum Unit: String, Sendable {
        case milliseconds = "ms"
        case tokensPerSecond = "tokens/s"
        /// A count of tokens (a reasoning model's thinking and answer tokens).
        case tokens
    }

    /// The key in `summary.json` (`latency.<id>`, `histograms.<id>`) and in the report's text
    /// table: snake_case ending in the unit (STYLE N5, N6). It must not have an underscore
    /// before a digit, which `convertToSnakeCase` could not write back.
    public let id: String
    public let unit: Unit
    /// The console table's row (`TTFT ms`); `nil` leaves the metric off the console.
    public let consoleLabel: String?
    /// The report's name for the metric, with its unit.
    public let title: (en: String, zh: String)
    /// Whether the report draws the metric's histogram and CDF.
    public let isCharted: Bool
    /// Shown on the console and in the report's table only when the run measured it (a
    /// reasoning model's thinking time), rather than as a row of dashes.
    public let isOptional: Bool
    /// The metric's column in `requests.csv`.
    public let column: String
    /// The request's figure in ``column`` (milliseconds or tokens per second); `nil` when the
    /// request has none (written as an empty field).
    public let value: @Sendable (RequestRecord) -> Double?
    /// Whether each request adds at most its ``value`` to the distribution, so the rows of
    /// `requests.csv` hold the distribution's values (not so for inter-token latency, whose CSV
    /// column is each request's mean gap while the distribution has every gap).
    public let hasOneValuePerRequest: Bool
    /// Adds a successful request to the metric's distribution.
    let record: @Sendable (RequestRecord, inout Distribution) -> Void

    /// - Parameters:
    ///   - column: the `requests.csv` column; `id` when `nil`.
    ///   - value: the request's figure, for the CSV and, unless `record` is given, the
    ///     distribution.
    ///   - record: how a request adds to the distribution, for a metric with more than one value
    ///     per request (each inter-token gap); by default its `value`, when it has one.
    public init(
        id: String, unit: Unit, consoleLabel: String? = nil, title: (en: String, zh: String), isCharted: Bool = false,
        isOptional: Bool = false, column: String? = nil, value: @escaping @Sendable (RequestRecord) -> Double?,
        record: (@Sendable (RequestRecord, inout Distribution) -> Void)? = nil
    ) {
        self.id = id
        self.unit = unit
        self.consoleLabel = consoleLabel
        self.title = title
        self.isCharted = isCharted
        self.isOptional = isOptional
        self.column = column ?? id
        self.value = value
        hasOneValuePerRequest = record == nil
        self.record = record ?? { request, distribution in value(request).map { distribution.record($0) } }
    }

    /// The report's name for the metric in `language`.
    public func title(_ language: ReportLanguage) -> String { language == .zh ? title.zh : title.en }

    /// An empty distribution whose range suits the unit.
    func makeDistribution() -> Distribution {
        switch unit {
        case .milliseconds: .milliseconds()
        // Counts are whole; a rate's thousandths hold them exactly.
        case .tokensPerSecond, .tokens: .rate()
        }
    }

    /// The property name whose `convertToSnakeCase` is ``id`` (`ttft_ms` → `ttftMs`): the key
    /// ``RunSummary/Latency`` codes the metric under, as a stored property of that name would.
    var codingKeyName: String { SnakeCase.camelCase(id) }
}
