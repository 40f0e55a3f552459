import LLMLoadCore
import LLMLoadMetrics

/// The short table printed at the end of a run, rendered from the same ``RunSummary`` that is
/// written to `summary.json`, so the two always agree.
public enum ConsoleSummary {
    public static func render(_ s: RunSummary, folder: String?) -> String {
        var lines: [String] = []
        let target =
            "\(s.runDescription.target.url) (\(s.runDescription.target.api), model \(s.runDescription.target.model))"
        var pattern = s.runDescription.load.pattern
        if let k = s.runDescription.load.burstiness { pattern += " (burstiness \(FigureText.number(k, 3)))" }
        if let seed = s.runDescription.load.seed { pattern += " (seed \(seed))" }
        if let cap = s.runDescription.load.maxInFlight { pattern += " (max in flight \(cap))" }
        if let think = s.runDescription.load.thinkTimeS, think > 0 {
            pattern += " (think \(FigureText.number(think, 3)) s)"
        }
        lines.append(
            "llmload \(s.runDescription.tool.version): \(pattern) for \(FigureText.number(s.runDescription.load.durationS, 1)) s → \(target)"
        )
        if !s.runDescription.target.tlsVerified { lines.append("TLS certificates were NOT verified (--insecure).") }
        if s.run.interrupted {
            lines.append("Run interrupted by the user: figures cover what was measured until then.")
        }
        // First, before any figure it makes unreliable.
        if let saturation = RunWarning.detect(in: s).first(where: \.isClientSaturation) {
            lines.append("CLIENT SATURATED: " + saturation.text(.en))
        }
        let r = s.requests
        let outcomes = s.requests.byOutcome.filter { $0.value > 0 }.sorted { $0.key < $1.key }
            .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        let warmup = r.warmup > 0 ? " (after \(r.warmup) warm-up requests, left out)" : ""
        let resent =
            (r.resentOnClosedConnection ?? 0) > 0
            ? " (\(r.resentOnClosedConnection ?? 0) sent again: the server closed the connection before answering)"
            : ""
        lines.append(
            "Requests   \(r.total) dispatched, \(r.sent) sent: \(outcomes.isEmpty ? "none" : outcomes)\(warmup)\(resent)"
        )
        lines.append(
            "Rates      success \(FigureText.percent(r.successRate)), error \(FigureText.percent(r.errorRate)), "
                + "timeout \(FigureText.percent(r.timeoutRate)), cancelled \(FigureText.percent(r.cancelledRate))"
        )
        let t = s.throughput
        let (ok, output) = (FigureText.number(t.requestsPerS, 2), FigureText.number(t.outputTokensPerS, 1))
        let (sent, window) = (FigureText.number(t.sentPerS, 2), FigureText.number(s.run.windowS, 2))
        lines.append(
            "Throughput \(ok) req/s ok, \(output) output tok/s (tokens: \(s.tokens.outputSource)), sent \(sent) req/s, "
                + "window \(window) s"
        )
        if let hits = s.tokens.promptCacheHitRate, let cached = s.tokens.promptCachedTotal {
            lines.append(
                "Cache      \(FigureText.percent(hits)) of prompt tokens served from the prefix cache "
                    + "(\(cached) tokens, as the server reported them)")
        }
        if let g = s.goodput {
            let (share, rate) = (FigureText.percent(g.share), FigureText.number(g.ratePerS, 2))
            lines.append(
                "Goodput    \(g.requestsMeeting) requests (\(share)) met \(FigureText.bounds(s.runDescription.objectives)): \(rate) req/s"
            )
        }
        if let input = s.inputTokens { lines.append(inputLine(input, description: s.runDescription)) }
        if let client = s.client { lines.append(clientLine(client)) }
        lines.append("")
        let header = ["", "count", "mean", "p50", "p90", "p99", "max"]
        var rows = [header]
        let l = s.latency
        for metric in MetricCatalogue.all {
            guard let name = metric.consoleLabel, l[metric] != nil || !metric.isOptional else { continue }
            guard let d = l[metric] else {
                rows.append([name, "0", "–", "–", "–", "–", "–"])
                continue
            }
            rows.append(
                [name, String(d.count)] + [d.mean, d.p50, d.p90, d.p99, d.max].map { FigureText.number($0, 2) })
        }
        lines += table(rows)
        lines.append("(latency over \(l.population))")
        if let server = l[.serverDecodeSpeed], let client = l[.decodeSpeed] {
            var line =
                "Server-side decode \(FigureText.number(server.p50, 1)) tok/s vs client-side "
                + "\(FigureText.number(client.p50, 1)) tok/s (P50)"
            if let overhead = l[.clientOverhead] {
                line += "; client overhead P50 \(FigureText.number(overhead.p50, 1)) ms (queue, network, client)"
            }
            lines.append(line)
        }
        if let resources = s.resources {
            lines.append("")
            lines += resourceLines(resources)
        }
        if let server = s.serverMetrics { lines.append("Server     " + ServerMetricsText.line(server)) }
        if !s.errors.isEmpty {
            lines.append("")
            lines.append("Errors")
            for error in s.errors.prefix(5) {
                let status = error.outcome == "http_error" ? error.httpStatus.map { " \($0)" } ?? "" : ""
                lines.append("  \(error.count) × \(error.outcome)\(status): \(error.message)")
            }
            if s.errors.count > 5 { lines.append("  … \(s.errors.count - 5) more kinds in summary.json") }
        }
        for warning in RunWarning.detect(in: s) where !warning.isClientSaturation {
            lines.append("Warning: " + warning.text(.en))
        }
        for finding in s.runDescription.preflight ?? [] where finding.level == .warning {
            lines.append("Warning (pre-flight): " + finding.text)
        }
        if let folder { lines.append("\nResults in \(folder)") }
        return lines.joined(separator: "\n")
    }

    /// How the prompts' server counts compared with `--input-tokens`.
    static func inputLine(_ input: RunSummary.InputTokens, description: RunDescription) -> String {
        let target = description.requests.inputTokens ?? FigureText.dash
        var line =
            "Input      target \(target) tokens: \(input.withinTolerance) of \(input.serverCounted) server counts within 2 %"
        if let low = input.minDeviationTokens, let high = input.maxDeviationTokens {
            line += " (off by \(FigureText.signed(low))…\(FigureText.signed(high)) tokens)"
        }
        if input.shorterThanTarget > 0 { line += ", \(input.shorterThanTarget) shorter" }
        if input.longerThanTarget > 0 { line += ", \(input.longerThanTarget) longer" }
        if let calibration = description.inputCalibration { line += "; fitted by \(calibration.method)" }
        if let context = description.requests.numCtx { line += ", Ollama num_ctx \(context)" }
        return line
    }

    /// How late the client's own event loops ran, against the saturation bound.
    static func clientLine(_ client: RunSummary.Client) -> String {
        let delay = client.eventLoopDelayMs
        let loops = client.eventLoops == 1 ? "1 loop" : "\(client.eventLoops) loops"
        let verdict =
            client.saturated
            ? "SATURATED"
            : client.saturatedSeconds.isEmpty ? "not saturated" : "saturated in \(client.saturatedSeconds.count) s"
        let p99 = FigureText.number(delay?.p99, 2)
        return "Client     event-loop delay P99 \(p99) ms, max \(FigureText.number(delay?.max, 2)) ms "
            + "over \(loops) (bound \(FigureText.number(client.saturationBoundMs, 0)) ms): \(verdict)"
    }

    /// What a reader must know before trusting the figures, in English.
    public static func warnings(_ s: RunSummary) -> [String] {
        RunWarning.detect(in: s).map { $0.text(.en) }
    }

    /// A share as the console writes it (`12.5 %`), for the CLI's messages.
    public static func percent(_ value: Double?) -> String { FigureText.percent(value) }
}
