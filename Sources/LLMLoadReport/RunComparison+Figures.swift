import Foundation
import LLMLoadCore
import LLMLoadMetrics

extension RunComparison {
    /// A percentile the comparison shows for each console metric, with its name in figure keys.
    struct Percentile: Sendable {
        var name: String
        var value: Double
        var summary: KeyPath<DistributionSummary, Double> & Sendable
    }

    static let percentiles = [
        Percentile(name: "p50", value: 50, summary: \.p50), Percentile(name: "p90", value: 90, summary: \.p90),
        Percentile(name: "p99", value: 99, summary: \.p99),
    ]

    /// The metrics compared by percentile: those the console summary shows, in catalogue order.
    static let percentileMetrics = MetricCatalogue.all.filter { $0.consoleLabel != nil }

    /// Every figure key `--fail-if-worse` can name, whichever runs are compared: the rates, and
    /// the percentiles that get a confidence interval (resource figures have no worse way).
    public static let gateableKeys: [String] =
        ["success_rate", "error_rate", "timeout_rate"]
        + ComparedRun.sampledMetrics.flatMap(percentileKeys)

    /// The keys of `metric`'s percentile figures (`ttft.p50`, …).
    static func percentileKeys(of metric: Metric) -> [String] {
        percentiles.map { "\(metric.shortName).\($0.name)" }
    }

    static func figures(_ runs: [ComparedRun], bootstrap: PercentileBootstrap) -> [ComparedFigure] {
        let s = runs.map(\.summary)
        func rate(_ value: (RunSummary) -> Double?) -> [Double?] { s.map(value) }
        var figures = [
            ComparedFigure(
                key: "requests", title: ("Requests", "请求数"), style: .count, worse: nil,
                values: s.map { Double($0.requests.total) }),
            ComparedFigure(
                key: "ok", title: ("Successful requests", "成功请求数"), style: .count, worse: nil,
                values: s.map { Double($0.requests.byOutcome["ok"] ?? 0) }),
            ComparedFigure(
                key: "success_rate", title: ("Success rate", "成功率"), style: .share, worse: .lower,
                values: rate(\.requests.successRate)),
            ComparedFigure(
                key: "error_rate", title: ("Error rate", "错误率"), style: .share, worse: .higher,
                values: rate(\.requests.errorRate)),
            ComparedFigure(
                key: "timeout_rate", title: ("Timeout rate", "超时率"), style: .share, worse: .higher,
                values: rate(\.requests.timeoutRate)),
            ComparedFigure(
                key: "requests_per_s", title: ("Completed req/s", "完成请求/秒"), unit: "req/s", style: .decimal(2),
                worse: .lower, values: rate(\.throughput.requestsPerS)),
            ComparedFigure(
                key: "output_tokens_per_s", title: ("Output tokens/s", "输出 token/秒"), unit: "tok/s",
                style: .decimal(1), worse: .lower, values: rate(\.throughput.outputTokensPerS)),
            ComparedFigure(
                key: "prompt_tokens_per_request", title: ("Prompt tokens per request", "每请求提示词 token"),
                unit: "tok", style: .decimal(1), worse: nil, values: s.map { perRequest($0.tokens.promptTotal, $0) }),
            ComparedFigure(
                key: "output_tokens_per_request", title: ("Output tokens per request", "每请求输出 token"),
                unit: "tok", style: .decimal(1), worse: nil, values: s.map { perRequest($0.tokens.outputTotal, $0) }),
        ]
        if s.contains(where: { $0.goodput != nil }) {
            figures.append(
                ComparedFigure(
                    key: "goodput_share", title: ("Goodput share", "goodput 占比"), style: .share, worse: .lower,
                    values: s.map { $0.goodput?.share }))
            figures.append(
                ComparedFigure(
                    key: "goodput_per_s", title: ("Goodput req/s", "goodput 请求/秒"), unit: "req/s",
                    style: .decimal(2), worse: .lower, values: s.map { $0.goodput?.ratePerS }))
        }
        for (metricIndex, metric) in percentileMetrics.enumerated() {
            for (percentileIndex, percentile) in percentiles.enumerated() {
                let intervals = runs.indices.map { index -> PercentileBootstrap.Difference? in
                    guard index > 0, let base = runs[0].samples[metric.id], let own = runs[index].samples[metric.id]
                    else { return nil }
                    let stream = UInt64((metricIndex * percentiles.count + percentileIndex) * 1024 + index)
                    return bootstrap.difference(
                        baseline: base, candidate: own, percentile: percentile.value, stream: stream)
                }
                let name = percentile.name.uppercased()
                figures.append(
                    ComparedFigure(
                        key: "\(metric.shortName).\(percentile.name)",
                        title: (metric.title.en + " " + name, metric.title.zh + " " + name),
                        unit: metric.unit.rawValue, style: .decimal(2),
                        worse: metric.unit == .tokensPerSecond ? .lower : .higher,
                        values: runs.map { run in
                            // From the rows the interval is drawn from, so the change and its
                            // interval agree; summary.json's histogram agrees within 0.05 %.
                            run.samples[metric.id].flatMap {
                                PercentileBootstrap.percentile(percentile.value, ofSorted: $0)
                            } ?? run.summary.latency[metric].map { $0[keyPath: percentile.summary] }
                        },
                        intervals: intervals))
            }
        }
        return figures + resourceFigures(s)
    }

    /// Tokens per successful measured request; `nil` without one.
    private static func perRequest(_ total: Int, _ summary: RunSummary) -> Double? {
        let ok = summary.requests.byOutcome["ok"] ?? 0
        return ok > 0 ? Double(total) / Double(ok) : nil
    }

    /// Maxima over each run's measured window (its whole run when no sample fell in the
    /// window, as the console summary does), for the resources any run monitored.
    static func resourceFigures(_ s: [RunSummary]) -> [ComparedFigure] {
        let statistics = s.map { summary -> RunSummary.Statistics? in
            guard let resources = summary.resources else { return nil }
            let measured = resources.measured
            return measured.cpuPercent != nil || measured.memoryUsedPercent != nil ? measured : resources.wholeRun
        }
        var figures: [ComparedFigure] = []
        func add(
            _ key: String, _ title: (en: String, zh: String), _ unit: String, scale: Double = 1,
            _ value: (RunSummary.Statistics) -> ResourceStatistic?
        ) {
            let values = statistics.map { $0.flatMap(value).map { $0.max / scale } }
            guard values.contains(where: { $0 != nil }) else { return }
            figures.append(
                ComparedFigure(key: key, title: title, unit: unit, style: .decimal(1), worse: nil, values: values))
        }
        let gib = 1024.0 * 1024 * 1024
        add("cpu_max", ("CPU max", "CPU 最大"), "%") { $0.cpuPercent }
        add("memory_max", ("Memory max", "内存最大"), "%") { $0.memoryUsedPercent }
        add("process_cpu_max", ("Server process CPU max", "服务进程 CPU 最大"), "%") { $0.processCpuPercent }
        add("process_rss_max", ("Server process RSS max", "服务进程内存最大"), "GiB", scale: gib) { $0.processRssBytes }
        let gpus = Set(statistics.flatMap { $0?.gpus?.map(\.index) ?? [] }).sorted()
        for index in gpus {
            func gpu(_ statistics: RunSummary.Statistics) -> RunSummary.Statistics.GPU? {
                statistics.gpus?.first { $0.index == index }
            }
            add("gpu\(index).utilization_max", ("GPU \(index) utilisation max", "GPU \(index) 利用率最大"), "%") {
                gpu($0)?.utilizationPercent
            }
            add("gpu\(index).memory_max", ("GPU \(index) memory max", "GPU \(index) 显存最大"), "GiB", scale: gib) {
                gpu($0)?.memoryUsedBytes
            }
        }
        return figures
    }
}

extension Metric {
    /// The metric's name in figure keys: its id without the unit (`ttft_ms` → `ttft`,
    /// `decode_speed_tokens_per_s` → `decode_speed`). A count keeps its unit: `thinking_tokens`
    /// and `thinking_ms` are two figures.
    public var shortName: String {
        guard unit != .tokens else { return id }
        let suffix = "_" + unit.rawValue.replacingOccurrences(of: "/", with: "_per_")
        return id.hasSuffix(suffix) ? String(id.dropLast(suffix.count)) : id
    }
}
