import LLMLoadCore
import LLMLoadMetrics

/// The data the sweep report's script draws, one entry per point ordered by load (offered rate,
/// or users for a closed loop), encoded as JSON into the page. A figure a point lacks is
/// `null`, which Plotly leaves as a gap rather than drawing a zero.
struct SweepChartData: Encodable {
    /// P50, P90 and P99 of one catalogue metric at each point.
    struct LatencyChart: Encodable {
        var id: String
        var title: String
        var p50: [Double?]
        var p90: [Double?]
        var p99: [Double?]
    }

    /// A vertical line across the charts against load, with its label.
    struct Mark: Encodable {
        var load: Double
        var label: String
    }

    var labels: [String: String]
    var loadTitle: String
    /// Loads spanning ten times or more are drawn on a logarithmic axis (geometric sweeps).
    var isLogarithmic: Bool
    var load: [Double]
    /// `#index · load`, for hovering and for the trade-off chart's points.
    var pointNames: [String]
    var passed: [Bool]
    var latency: [LatencyChart]
    /// Absent for a closed loop, which offers no rate.
    var offeredRatePerS: [Double?]?
    var achievedRatePerS: [Double?]
    var steadyRatePerS: [Double?]
    var outputTokensPerS: [Double?]
    var perUserTokensPerS: [Double?]
    /// Absent when no point was measured against `--slo`.
    var goodputShare: [Double?]?
    var errorRate: [Double?]
    var goodputGoal: Double?
    var maxErrorRate: Double
    /// Absent when no point has GPU figures.
    var gpuUtilizationMaxPercent: [Double?]?
    var gpuMemoryMaxGiB: [Double?]?
    var knee: Mark?
    var firstFailing: Mark?

    init(_ summary: SweepSummary, language: ReportLanguage) {
        let points = summary.pointsByLoad
        let unit = summary.isClosedLoop ? SweepReportText.label("users", language) : "req/s"
        func text(_ load: Double) -> String {
            "\(FigureText.number(load, summary.isClosedLoop ? 0 : 2)) \(unit)"
        }
        func series(_ value: (SweepSummary.Point) -> Double?) -> [Double?] { points.map(value) }
        func present(_ values: [Double?]) -> [Double?]? { values.contains { $0 != nil } ? values : nil }

        labels = SweepReportText.labels(language)
        loadTitle = SweepReportText.label(summary.isClosedLoop ? "users_axis" : "offered_rate_axis", language)
        load = points.compactMap { summary.load(of: $0) }
        isLogarithmic = (load.first ?? 0) > 0 && (load.last ?? 0) >= 10 * (load.first ?? 0)
        pointNames = points.map { "#\($0.index) · \(text(summary.load(of: $0) ?? 0))" }
        passed = points.map(\.passed)
        latency = SweepWriter.metrics(in: summary).filter { $0.isCharted && $0.unit == .milliseconds }.map { metric in
            LatencyChart(
                id: metric.id, title: metric.title(language),
                p50: series { $0.latency[metric.id]?.p50 }, p90: series { $0.latency[metric.id]?.p90 },
                p99: series { $0.latency[metric.id]?.p99 })
        }
        offeredRatePerS = summary.isClosedLoop ? nil : series(\.offeredRatePerS)
        achievedRatePerS = series(\.achievedRatePerS)
        steadyRatePerS = series(\.steadyRatePerS)
        outputTokensPerS = series(\.outputTokensPerS)
        perUserTokensPerS = series(\.perUserTokensPerS)
        goodputShare = present(series(\.goodputShare))
        errorRate = series(\.errorRate)
        goodputGoal = summary.goals.goodputShare
        maxErrorRate = summary.goals.maxErrorRate
        gpuUtilizationMaxPercent = present(series(\.gpuUtilizationMaxPercent))
        gpuMemoryMaxGiB = present(series { $0.gpuMemoryMaxBytes.map { $0 / 1_073_741_824 } })
        let kneeKey = summary.found == nil ? "highest_passing" : "max_rate"
        knee = summary.sustainedLoad.map {
            Mark(load: $0, label: "\(SweepReportText.label(kneeKey, language)) \(text($0))")
        }
        firstFailing = summary.firstFailingLoad.map {
            Mark(load: $0, label: "\(SweepReportText.label("lowest_failing", language)) \(text($0))")
        }
    }
}
