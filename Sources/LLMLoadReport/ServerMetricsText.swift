import LLMLoadCore
import LLMLoadMetrics

/// The one line that says what the server's own metrics showed (console and report), or why
/// there were none: `llama.cpp /metrics, 31 scrapes: running avg 2.1 max 4; waiting max 2; …`.
enum ServerMetricsText {
    static func line(_ m: RunSummary.ServerMetrics) -> String {
        let source = (m.server.map { $0 + " " } ?? "") + m.url
        guard m.scrapes > 0 else {
            return "\(source): not read (\(m.stoppedBecause ?? m.failure ?? "no scrape finished"))"
        }
        var parts: [String] = []
        func add(_ name: String, _ figure: ServerMetricsSample.Figure, places: Int, unit: String = "") {
            guard let statistic = m.measured[figure.rawValue] else { return }
            parts.append(
                "\(name) avg \(FigureText.number(statistic.mean, places))\(unit) max "
                    + "\(FigureText.number(statistic.max, places))\(unit)")
        }
        add("running", .requestsRunning, places: 1)
        add("waiting", .requestsWaiting, places: 1)
        add("KV cache", .kvCacheUsagePercent, places: 1, unit: " %")
        add("generation", .generationTokensPerS, places: 1, unit: " tok/s")
        if let hits = m.prefixCacheHitPercent { parts.append("prefix-cache hits \(FigureText.number(hits, 1)) %") }
        if let preempted = m.counterGrowth["preemptions"] { parts.append("preemptions \(Int(preempted))") }
        if let vram = m.measured[ServerMetricsSample.Figure.modelVramBytes.rawValue] {
            parts.append("model in VRAM min \(FigureText.number(vram.min / 1_048_576, 0)) MiB")
        }
        var line = "\(source), \(m.scrapes) scrapes"
        if m.failedScrapes > 0 { line += " (\(m.failedScrapes) failed)" }
        if parts.isEmpty { return line + ": no known metric found (every metric is in server_metrics.jsonl)" }
        return line + ": " + parts.joined(separator: "; ")
    }
}
