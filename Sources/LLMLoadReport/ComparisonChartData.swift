import LLMLoadCore
import LLMLoadMetrics

/// The data `compare.html`'s script draws: for each chart one line per run, in run order. The
/// CDFs come from each run's mergeable histograms in `summary.json` (so inter-token latency has
/// every gap), the time series from its per-second buckets; both are bounded in size.
struct ComparisonChartData: Encodable {
    /// One run's line.
    struct Line: Encodable {
        var x: [Double] = []
        var y: [Double?] = []
    }

    /// A chart with a line per run.
    struct Chart: Encodable {
        var title: String
        var unit: String
        var lines: [Line]
    }

    var labels: [String: String]
    /// `A · <folder name>`, the legend of every line.
    var runs: [String]
    var cdfs: [Chart]
    var series: [Chart]

    init(_ comparison: RunComparison, language: ReportLanguage) {
        labels = ReportText.labels(language, table: ComparisonText.table)
        let summaries = comparison.runs.map(\.summary)
        runs = comparison.runs.enumerated().map { "\(RunComparison.label($0)) · \($1.folder.lastPathComponent)" }
        cdfs = ReportChartData.chartedMetrics.compactMap { metric in
            let lines = summaries.map { s -> Line in
                guard let snapshot = s.histograms[metric.id], snapshot.count > 0, let summary = s.latency[metric] else {
                    return Line()
                }
                let chart = ReportChartData.chart(metric, snapshot: snapshot, summary: summary, language: language)
                return Line(x: chart.cdfValues, y: chart.cdfShares)
            }
            guard lines.contains(where: { !$0.x.isEmpty }) else { return nil }
            return Chart(title: metric.title(language), unit: metric.unit.rawValue, lines: lines)
        }
        func series(_ key: String, unit: String, _ value: (TimeSeries.Bucket) -> Double?) -> Chart {
            Chart(
                title: ReportText.label(key, language, table: ComparisonText.table), unit: unit,
                lines: summaries.map { s in
                    Line(x: s.timeseries.map { Double($0.second) }, y: s.timeseries.map(value))
                })
        }
        let ms = ReportText.label("ms", language)
        self.series = [
            series("series_tokens", unit: ReportText.label("tokens_per_s", language)) { $0.outputTokensPerS },
            series("series_completed", unit: ReportText.label("per_s", language)) { Double($0.completed) },
            series("series_ttft_p95", unit: ms) { $0.ttftP95Ms },
            series("series_e2e_p95", unit: ms) { $0.e2eP95Ms },
        ]
    }
}
