import LLMLoadCore
import LLMLoadMetrics

/// The server's columns of `timeseries.csv`: `server_<figure>` for each curated figure some
/// scrape had, the mean of the scrapes whose instant falls in that second (empty when none did).
struct ServerMetricColumns {
    let names: [String]
    private let figures: [ServerMetricsSample.Figure]
    private let bySecond: [Int: [ServerMetricsSample]]

    init(_ metrics: RunSummary.ServerMetrics) {
        figures = metrics.found.compactMap(ServerMetricsSample.Figure.init(rawValue:))
        names = figures.map { "server_" + $0.rawValue }
        bySecond = Dictionary(grouping: metrics.samples) { max(0, Int($0.tS.rounded(.down))) }
    }

    var secondCount: Int { (bySecond.keys.max() ?? -1) + 1 }

    func cells(second: Int) -> [String] {
        let samples = bySecond[second] ?? []
        return figures.map { figure in
            let values = samples.compactMap { $0[figure] }
            guard !values.isEmpty else { return "" }
            return RequestsCSVWriter.decimal(values.reduce(0, +) / Double(values.count))
        }
    }
}
