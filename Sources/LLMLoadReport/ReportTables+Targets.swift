import LLMLoadCore
import LLMLoadMetrics

extension ReportTables {
    /// The per-replica table's rows (`--url` given more than once): each replica's counts,
    /// rates and the P50 / P90 / P99 of TTFT, E2E, ITL and TPOT, from the same summaries as the
    /// run's. Empty for a single server.
    static func targets(_ s: RunSummary) -> [Row] {
        (s.targets ?? []).map { t in
            func percentiles(_ metric: Metric) -> String {
                guard let d = t.latency[metric] else { return FigureText.dash }
                return [d.p50, d.p90, d.p99].map { FigureText.number($0, 1) }.joined(separator: " / ")
            }
            let ok = t.requests.byOutcome["ok", default: 0]
            return [
                "number": String(t.number), "url": t.url, "requests": String(t.requests.total), "ok": String(ok),
                "failed": String(t.requests.total - ok), "success": FigureText.percent(t.requests.successRate),
                "requestsPerS": FigureText.number(t.throughput.requestsPerS, 2),
                "tokensPerS": FigureText.number(t.throughput.outputTokensPerS, 1),
                "ttft": percentiles(.timeToFirstToken), "e2e": percentiles(.endToEndLatency),
                "itl": percentiles(.interTokenLatency), "tpot": percentiles(.timePerOutputToken),
            ]
        }
    }

    /// The target as the report's facts show it: every replica's URL, and how requests were spread.
    static func targetFact(_ target: RunDescription.Target, _ language: ReportLanguage) -> String {
        var text = target.replicas.map { $0.map(\.url).joined(separator: ", ") } ?? target.url
        if let balance = target.balance { text += " (\(ReportText.label("balance", language)) \(balance))" }
        if target.simulated { text += " (\(ReportText.label("simulated", language)))" }
        return text
    }
}
