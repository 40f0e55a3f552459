import LLMLoadCore
import LLMLoadMetrics

/// The short table printed at the end of a run, rendered from the same ``RunSummary`` that is
/// written to `summary.json`, so the two always agree.
public enum ConsoleSummary {
    /// The summary in `language` (`--lang`, else the locale's): the same figures, written by
    /// ``FigureText`` alike, in English or Chinese.
    public static func render(_ s: RunSummary, folder: String?, language: ReportLanguage = .en) -> String {
        let zh = language == .zh
        let d = s.runDescription
        var lines: [String] = []
        let urls = d.target.replicas.map { $0.map(\.url).joined(separator: ", ") } ?? d.target.url
        let target =
            zh
            ? "\(urls)（\(d.target.api)，模型 \(d.target.model)）"
            : "\(urls) (\(d.target.api), model \(d.target.model))"
        var pattern = d.load.pattern
        if let k = d.load.burstiness {
            pattern += zh ? "（突发形状 k=\(FigureText.number(k, 3))）" : " (burstiness \(FigureText.number(k, 3)))"
        }
        if let seed = d.load.seed { pattern += zh ? "（种子 \(seed)）" : " (seed \(seed))" }
        if let cap = d.load.maxInFlight { pattern += zh ? "（同时最多 \(cap) 个请求）" : " (max in flight \(cap))" }
        if let think = d.load.thinkTimeS, think > 0 {
            pattern += zh ? "（间隔 \(FigureText.number(think, 3)) 秒）" : " (think \(FigureText.number(think, 3)) s)"
        }
        if let turns = d.load.turns { pattern += zh ? "（每个对话 \(turns) 轮）" : " (\(turns)-turn conversations)" }
        let duration = FigureText.number(d.load.durationS, 1)
        lines.append(
            zh
                ? "llmload \(d.tool.version)：\(pattern)，持续 \(duration) 秒 → \(target)"
                : "llmload \(d.tool.version): \(pattern) for \(duration) s → \(target)")
        if !d.target.tlsVerified {
            lines.append(zh ? "未验证 TLS 证书（--insecure）。" : "TLS certificates were NOT verified (--insecure).")
        }
        if s.run.interrupted {
            lines.append(
                zh
                    ? "运行被用户中断：数据仅覆盖中断前测得的部分。"
                    : "Run interrupted by the user: figures cover what was measured until then.")
        }
        // First, before any figure it makes unreliable.
        if let saturation = RunWarning.detect(in: s).first(where: \.isClientSaturation) {
            lines.append(saturation.bannerLabel(language) + saturation.text(language))
        }
        lines += ConsoleText.requestLines(s, language)
        if let input = s.inputTokens { lines.append(inputLine(input, description: d, language: language)) }
        if let client = s.client { lines.append(clientLine(client, language: language)) }
        lines.append("")
        lines += latencyTable(s.latency, language)
        if let line = serverDecodeLine(s.latency, language) { lines.append(line) }
        let targets = targetLines(s, language)
        if !targets.isEmpty { lines += [""] + targets }
        if let turns = s.turns, let line = turnLine(turns, language: language) { lines.append(line) }
        if let resources = s.resources {
            lines.append("")
            lines += resourceLines(resources, language: language)
        }
        if let server = s.serverMetrics {
            lines.append((zh ? "服务器     " : "Server     ") + ServerMetricsText.line(server))
        }
        if !s.errors.isEmpty {
            lines.append("")
            lines.append(zh ? "错误" : "Errors")
            for error in s.errors.prefix(5) {
                let status = error.outcome == "http_error" ? error.httpStatus.map { " \($0)" } ?? "" : ""
                lines.append("  \(error.count) × \(error.outcome)\(status): \(error.message)")
            }
            if s.errors.count > 5 {
                let more = s.errors.count - 5
                lines.append(zh ? "  … 另有 \(more) 类错误，见 summary.json" : "  … \(more) more kinds in summary.json")
            }
        }
        for warning in RunWarning.detect(in: s) where !warning.isClientSaturation {
            lines.append((zh ? "警告：" : "Warning: ") + warning.text(language))
        }
        for finding in d.preflight ?? [] where finding.level == .warning {
            lines.append((zh ? "警告（预检）：" : "Warning (pre-flight): ") + finding.text(language))
        }
        if let folder { lines.append(zh ? "\n结果保存在 \(folder)" : "\nResults in \(folder)") }
        return lines.joined(separator: "\n")
    }

    /// The percentile table: every catalogue metric with a console label (an optional one only
    /// when measured), named in `language` (Chinese: the report's title).
    static func latencyTable(_ l: RunSummary.Latency, _ language: ReportLanguage) -> [String] {
        let zh = language == .zh
        let header =
            zh ? ["", "数量", "平均", "p50", "p90", "p99", "最大"] : ["", "count", "mean", "p50", "p90", "p99", "max"]
        var rows = [header]
        for metric in MetricCatalogue.all {
            guard let label = metric.consoleLabel, l[metric] != nil || !metric.isOptional else { continue }
            let name = zh ? metric.title(.zh) : label
            guard let d = l[metric] else {
                rows.append([name, "0", "–", "–", "–", "–", "–"])
                continue
            }
            rows.append(
                [name, String(d.count)] + [d.mean, d.p50, d.p90, d.p99, d.max].map { FigureText.number($0, 2) })
        }
        let population = zh ? ConsoleText.population(l.population) : l.population
        return table(rows) + [zh ? "（延迟统计范围：\(population)）" : "(latency over \(population))"]
    }

    /// The server's own decode speed beside the client's, and what the client and the path to it
    /// add: the comparison no peer shows.
    static func serverDecodeLine(_ l: RunSummary.Latency, _ language: ReportLanguage) -> String? {
        guard let server = l[.serverDecodeSpeed], let client = l[.decodeSpeed] else { return nil }
        let (serverSpeed, clientSpeed) = (FigureText.number(server.p50, 1), FigureText.number(client.p50, 1))
        let overhead = l[.clientOverhead].map { FigureText.number($0.p50, 1) }
        if language == .zh {
            return "服务器端解码 \(serverSpeed) token/秒，客户端 \(clientSpeed) token/秒（P50）"
                + (overhead.map { "；客户端开销 P50 \($0) 毫秒（排队、网络、客户端）" } ?? "")
        }
        return "Server-side decode \(serverSpeed) tok/s vs client-side \(clientSpeed) tok/s (P50)"
            + (overhead.map { "; client overhead P50 \($0) ms (queue, network, client)" } ?? "")
    }

    /// What a reader must know before trusting the figures, in English.
    public static func warnings(_ s: RunSummary) -> [String] {
        RunWarning.detect(in: s).map { $0.text(.en) }
    }

    /// A share as the console writes it (`12.5 %`), for the CLI's messages.
    public static func percent(_ value: Double?) -> String { FigureText.percent(value) }
}
