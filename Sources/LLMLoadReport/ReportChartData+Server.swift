import LLMLoadCore
import LLMLoadMetrics

extension ReportChartData {
    /// The server's own figures at each scrape's time: its running and waiting requests (drawn
    /// under the client's in-flight curve), KV-cache use and prefix-cache hits, its token rates.
    /// A figure no scrape had is `nil`, and the script leaves its line out.
    struct ServerCharts: Encodable {
        var server: String?
        var seconds: [Double]
        var requestsRunning: [Double?]?
        var requestsWaiting: [Double?]?
        var kvCacheUsagePercent: [Double?]?
        var prefixCacheHitPercent: [Double?]?
        var promptTokensPerS: [Double?]?
        var generationTokensPerS: [Double?]?
        var modelVramMiB: [Double?]?

        init?(_ metrics: RunSummary.ServerMetrics?) {
            guard let metrics, !metrics.samples.isEmpty else { return nil }
            let samples = metrics.samples
            func series(_ figure: ServerMetricsSample.Figure, scale: Double = 1) -> [Double?]? {
                metrics.found.contains(figure.rawValue) ? samples.map { $0[figure].map { $0 * scale } } : nil
            }
            server = metrics.server
            seconds = samples.map(\.tS)
            requestsRunning = series(.requestsRunning)
            requestsWaiting = series(.requestsWaiting)
            kvCacheUsagePercent = series(.kvCacheUsagePercent)
            prefixCacheHitPercent = series(.prefixCacheHitPercent)
            promptTokensPerS = series(.promptTokensPerS)
            generationTokensPerS = series(.generationTokensPerS)
            modelVramMiB = series(.modelVramBytes, scale: 1 / 1_048_576)
        }
    }
}
