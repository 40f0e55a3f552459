import LLMLoadCore
import LLMLoadMetrics

/// The report's text parts as rows for the template: facts, headline cards, the percentile
/// table and the errors. Numbers are formatted here, with units, the same in every language.
enum ReportTables {
    typealias Row = [String: Any]

    /// Every catalogue metric's row, in the catalogue's order; a metric with no value shows
    /// dashes, never zeros (an optional one no row).
    static func percentiles(_ l: RunSummary.Latency, _ language: ReportLanguage) -> [Row] {
        MetricCatalogue.all.filter { l[$0] != nil || !$0.isOptional }.map { metric in
            var row: Row = ["name": metric.title(language)]
            guard let d = l[metric] else {
                row["count"] = "0"
                for column in ["mean", "std", "min", "p50", "p90", "p95", "p99", "p99_9", "max"] {
                    row[column] = FigureText.dash
                }
                return row
            }
            row["count"] = String(d.count)
            let values: [(String, Double)] = [
                ("mean", d.mean), ("std", d.std), ("min", d.min), ("p50", d.p50), ("p90", d.p90), ("p95", d.p95),
                ("p99", d.p99), ("p99_9", d.p99_9), ("max", d.max),
            ]
            for (column, value) in values { row[column] = FigureText.number(value, 2) }
            return row
        }
    }

    static func cards(_ s: RunSummary, _ language: ReportLanguage) -> [Row] {
        func label(_ key: String) -> String { ReportText.label(key, language) }
        func card(_ key: String, _ value: String, _ unit: String = "", detail: String = "", tone: String = "") -> Row {
            ["label": label(key), "value": value, "unit": unit, "detail": detail, "tone": tone]
        }
        let r = s.requests
        let ms = label("ms")
        var cards: [Row] = [
            card(
                "requests", String(r.total),
                detail: r.warmup > 0 ? "+\(r.warmup) \(label("of_which_warmup"))" : "\(r.sent) \(label("sent"))"),
            card(
                "success_rate", FigureText.percent(r.successRate), tone: (r.successRate ?? 0) >= 0.99 ? "good" : "bad"),
            card("error_rate", FigureText.percent(r.errorRate), tone: (r.errorRate ?? 0) > 0 ? "bad" : ""),
            card("timeout_rate", FigureText.percent(r.timeoutRate), tone: (r.timeoutRate ?? 0) > 0 ? "bad" : ""),
            card("requests_per_s", FigureText.number(s.throughput.requestsPerS, 2), "req/s"),
            card("output_tokens_per_s", FigureText.number(s.throughput.outputTokensPerS, 1), "tok/s"),
            card("ttft_p50", FigureText.number(s.latency[.timeToFirstToken]?.p50, 1), ms),
            card("ttft_p99", FigureText.number(s.latency[.timeToFirstToken]?.p99, 1), ms),
            card("e2e_p50", FigureText.number(s.latency[.endToEndLatency]?.p50, 1), ms),
            card("e2e_p99", FigureText.number(s.latency[.endToEndLatency]?.p99, 1), ms),
            card("tpot_p50", FigureText.number(s.latency[.timePerOutputToken]?.p50, 2), ms),
        ]
        if let g = s.goodput {
            let bounds = FigureText.bounds(s.runDescription.objectives)
            cards.append(
                card(
                    "goodput", FigureText.percent(g.share),
                    detail: "\(FigureText.number(g.ratePerS, 2)) req/s \(label("goodput_detail")): \(bounds)",
                    tone: (g.share ?? 0) >= 0.95 ? "good" : "bad"))
        }
        if let hits = s.tokens.promptCacheHitRate, let cached = s.tokens.promptCachedTotal {
            cards.append(
                card("prefix_cache_hit_rate", FigureText.percent(hits), detail: "\(cached) \(label("cached_tokens"))"))
        }
        return cards + reasoningCards(s.latency, language)
    }

    /// The run's setup, from its description, and its window.
    static func facts(_ s: RunSummary, _ language: ReportLanguage) -> [Row] {
        func fact(_ key: String, _ value: String) -> Row { ["name": ReportText.label(key, language), "value": value] }
        var facts = [
            fact("target", targetFact(s.runDescription.target, language)),
            fact("api", s.runDescription.target.api), fact("model", s.runDescription.target.model),
        ]
        if let version = s.runDescription.target.serverVersion { facts.append(fact("server_version", version)) }
        let warmup = ReportText.label("warmup", language)
        var load = s.runDescription.load.pattern
        if let k = s.runDescription.load.burstiness {
            load += ", \(ReportText.label("burstiness", language)) \(FigureText.number(k, 3))"
        }
        if let seed = s.runDescription.load.seed { load += ", seed \(seed)" }
        if let cap = s.runDescription.load.maxInFlight {
            load += ", \(ReportText.label("max_in_flight", language)) \(cap)"
        }
        if let think = s.runDescription.load.thinkTimeS, think > 0 {
            load += ", think \(FigureText.number(think, 3)) s"
        }
        if let turns = s.runDescription.load.turns { load += ", \(ReportText.label("turns", language)) \(turns)" }
        if let n = s.runDescription.load.maxRequests { load += ", ≤ \(n) req" }
        if let w = s.runDescription.load.warmupS { load += ", \(warmup) \(FigureText.number(w, 0)) s" }
        if let w = s.runDescription.load.warmupRequests { load += ", \(warmup) \(w) req" }
        let requests = s.runDescription.requests
        if let t = requests.maxTokens { load += ", max_tokens \(t)" }
        load += ", " + ReportText.label(requests.stream ? "streaming" : "not_streaming", language)
        facts.append(fact("load", load))
        if let input = s.inputTokens { facts += inputFacts(input, description: s.runDescription, language) }
        let window = ReportText.label("window", language)
        facts.append(
            fact(
                "duration",
                "\(FigureText.number(s.runDescription.load.durationS, 1)) s (\(window) \(FigureText.number(s.run.windowS, 2)) s)"
            ))
        facts.append(fact("started", s.run.startedAt))
        facts.append(fact("ended", s.run.endedAt))
        facts.append(fact("tool", "\(s.runDescription.tool.name) \(s.runDescription.tool.version)"))
        let host = s.runDescription.host
        let memory = FigureText.number(Double(host.memoryBytes) / 1_073_741_824, 1)
        let machine = "\(host.hostname) · \(host.os) · \(host.cpuModel ?? "CPU") × \(host.cpuCount) · \(memory) GiB"
        facts.append(fact("host", machine))
        facts.append(
            fact("gpus", host.gpus.isEmpty ? ReportText.label("none", language) : host.gpus.joined(separator: ", ")))
        return facts
    }

    /// `--input-tokens`: the target and how the server's counts matched it; how the prompts were fitted.
    static func inputFacts(
        _ input: RunSummary.InputTokens, description: RunDescription, _ language: ReportLanguage
    ) -> [Row] {
        func label(_ key: String) -> String { ReportText.label(key, language) }
        // A trace's targets are its entries' lengths.
        let trace = language == .zh ? "轨迹长度" : "trace lengths"
        let target = description.requests.inputTokens ?? (description.load.trace == nil ? FigureText.dash : trace)
        var matched = "\(target) · \(input.withinTolerance)/\(input.serverCounted) \(label("within_2_percent"))"
        if let low = input.minDeviationTokens, let high = input.maxDeviationTokens {
            matched += " (\(FigureText.signed(low))…\(FigureText.signed(high)))"
        }
        if input.shorterThanTarget > 0 { matched += " · \(input.shorterThanTarget) \(label("shorter"))" }
        if input.longerThanTarget > 0 { matched += " · \(input.longerThanTarget) \(label("longer"))" }
        var rows: [Row] = [["name": label("input_tokens"), "value": matched]]
        if let c = description.inputCalibration {
            let how =
                language == .en
                ? c.detail
                : c.method == "tokenize"
                    ? "服务器分词接口（POST /tokenize），另加一次请求测得的模板 token \(c.templateOverheadTokens ?? 0) 个"
                    : "单 token 请求，读取服务器报告的提示词 token 数"
            var fit =
                "\(how) · \(c.levels) \(label("lengths")) · \(c.serverCounts) \(label("server_counts")) · "
                + "\(label("largest_error")) \(c.maxErrorTokens) · \(FigureText.number(c.seconds, 1)) s"
            if let shared = c.sharedPrefixTokens { fit += " · \(label("shared_prefix")) \(shared)" }
            if let context = description.requests.numCtx { fit += " · Ollama num_ctx \(context)" }
            rows.append(["name": label("input_fit"), "value": fit])
        }
        return rows
    }

    /// Average, P95 and maximum of every resource over the measured window, and average and
    /// maximum over the whole run (warm-up and drain included).
    static func resources(_ r: RunSummary.Resources, _ language: ReportLanguage) -> [Row] {
        func label(_ key: String) -> String { ReportText.label(key, language) }
        typealias Pick = (RunSummary.Statistics) -> ResourceStatistic?
        var rows: [(String, Pick, Double, Int)] = [
            ("\(label("cpu")) %", { $0.cpuPercent }, 1, 1),
            ("\(label("memory")) %", { $0.memoryUsedPercent }, 1, 1),
            ("\(label("memory")) GiB", { $0.memoryUsedBytes }, 1_073_741_824, 2),
        ]
        if let process = r.process {
            rows.append(("\(process.name) \(label("cpu")) %", { $0.processCpuPercent }, 1, 1))
            rows.append(("\(process.name) RSS MiB", { $0.processRssBytes }, 1_048_576, 1))
        }
        for gpu in r.wholeRun.gpus ?? [] {
            let name = "GPU \(gpu.index)"
            func pick(_ field: @escaping (RunSummary.Statistics.GPU) -> ResourceStatistic?) -> Pick {
                { statistics in (statistics.gpus?.first { $0.index == gpu.index }).flatMap(field) }
            }
            rows.append(("\(name) \(label("utilisation")) %", pick { $0.utilizationPercent }, 1, 1))
            rows.append(("\(name) \(label("gpu_memory")) %", pick { $0.memoryUsedPercent }, 1, 1))
            rows.append(("\(name) \(label("gpu_memory")) GiB", pick { $0.memoryUsedBytes }, 1_073_741_824, 2))
            rows.append(("\(name) W", pick { $0.powerWatts }, 1, 0))
            rows.append(("\(name) °C", pick { $0.temperatureC }, 1, 0))
        }
        return rows.compactMap { name, pick, divisor, places in
            guard let whole = pick(r.wholeRun) else { return nil }
            let measured = pick(r.measured)
            return [
                "name": name,
                "mean": FigureText.number(measured.map { $0.mean / divisor }, places),
                "p95": FigureText.number(measured.map { $0.p95 / divisor }, places),
                "max": FigureText.number(measured.map { $0.max / divisor }, places),
                "wholeMean": FigureText.number(whole.mean / divisor, places),
                "wholeMax": FigureText.number(whole.max / divisor, places),
            ]
        }
    }

    static func errors(_ s: RunSummary) -> [Row] {
        s.errors.map { e in
            [
                "count": String(e.count), "outcome": e.outcome, "status": e.httpStatus.map(String.init) ?? "",
                "message": e.message,
            ]
        }
    }
}
