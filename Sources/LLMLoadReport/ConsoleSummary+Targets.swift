import LLMLoadCore
import LLMLoadMetrics

extension ConsoleSummary {
    /// One line per replica (`--url` given more than once): its requests, outcomes, rates and
    /// TTFT / E2E P50 and P99, as `summary.json`'s `targets` holds them. None for one server.
    static func targetLines(_ s: RunSummary, _ language: ReportLanguage) -> [String] {
        guard let targets = s.targets, !targets.isEmpty else { return [] }
        let zh = language == .zh
        let balance = s.runDescription.target.balance ?? LoadBalance.roundRobin.rawValue
        var lines = [zh ? "各目标（\(balance)，请求不改发）" : "Per target (\(balance), no re-routing)"]
        for t in targets {
            func p50p99(_ metric: Metric) -> String {
                guard let d = t.latency[metric] else { return FigureText.dash }
                return "\(FigureText.number(d.p50, 1))/\(FigureText.number(d.p99, 1))"
            }
            let ok = t.requests.byOutcome["ok", default: 0]
            let (rate, tokens) = (
                FigureText.number(t.throughput.requestsPerS, 2), FigureText.number(t.throughput.outputTokensPerS, 1)
            )
            let (ttft, e2e) = (p50p99(.timeToFirstToken), p50p99(.endToEndLatency))
            lines.append(
                zh
                    ? "  \(t.number) \(t.url)：请求 \(t.requests.total)，成功 \(ok)（\(FigureText.percent(t.requests.successRate))），"
                        + "\(rate) 请求/秒，\(tokens) token/秒；TTFT P50/P99 \(ttft) 毫秒，E2E P50/P99 \(e2e) 毫秒"
                    : "  \(t.number) \(t.url): \(t.requests.total) requests, \(ok) ok (\(FigureText.percent(t.requests.successRate))), "
                        + "\(rate) req/s, \(tokens) tok/s; TTFT P50/P99 \(ttft) ms, E2E P50/P99 \(e2e) ms")
        }
        return lines
    }
}
