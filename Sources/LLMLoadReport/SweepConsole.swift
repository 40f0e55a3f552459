import LLMLoadCore
import LLMLoadMetrics

/// What `llmload sweep` prints: a line per point as it finishes, and a table with the verdict
/// at the end, in the console summary's plain style (``FigureText`` figures, a dash for absent
/// ones), in English or Chinese (`--lang`).
public enum SweepConsole {
    /// One line for a finished point: its load, what the server achieved, errors, TTFT and E2E
    /// P50/P99, output tokens/s, and PASS or FAIL with the reason.
    public static func pointLine(
        _ point: SweepSummary.Point, mode: SweepSummary.Mode, language: ReportLanguage = .en
    ) -> String {
        let ttft = point.latency[Metric.timeToFirstToken.id]
        let e2e = point.latency[Metric.endToEndLatency.id]
        let zh = language == .zh
        let latencies =
            "TTFT P50/P99 \(FigureText.number(ttft?.p50, 1))/\(FigureText.number(ttft?.p99, 1)) ms"
            + (zh ? "，" : ", ")
            + "E2E P50/P99 \(FigureText.number(e2e?.p50, 1))/\(FigureText.number(e2e?.p99, 1)) ms"
        let achieved = FigureText.number(point.achievedRatePerS, 2)
        let errors = FigureText.percent(point.errorRate)
        let tokens = FigureText.number(point.outputTokensPerS, 1)
        let line =
            zh
            ? "[\(point.index)] \(load(point, mode: mode, language: language))：实际完成 \(achieved) 请求/秒，错误 \(errors)，"
                + "\(latencies)，\(tokens) token/秒  \(verdict(point, language: language))"
            : "[\(point.index)] \(load(point, mode: mode, language: language)): achieved \(achieved) req/s, errors \(errors), "
                + "\(latencies), \(tokens) tok/s  \(verdict(point, language: language))"
        guard let note = clientNote(point, language: language) else { return line }
        return line + (zh ? "（\(note)）" : " (\(note))")
    }

    /// What a point's client-saturation flag means for its figures, in a few words: delayed
    /// (kept off the CPU while it used under half a core) or saturated by its own work; `nil`
    /// when its loops kept time. The console's point line and the sweep report show it.
    public static func clientNote(_ point: SweepSummary.Point, language: ReportLanguage = .en) -> String? {
        guard point.clientSaturated else { return nil }
        let zh = language == .zh
        if point.clientDelayed, let cores = point.clientCpuCores {
            let used = FigureText.number(cores, 2)
            return zh
                ? "llmload 被延误：它只用了 \(used) 个核，却未占到 CPU；其延迟部分来自本机或宿主"
                : "llmload was delayed: it used only \(used) of a core and was kept off the CPU; "
                    + "its latencies are partly the machine's"
        }
        return zh ? "llmload 自身已饱和：其延迟部分来自它自己" : "llmload itself was saturated: its latencies are partly its own"
    }

    /// The table of every point in the order they ran, the goals above it and the verdict
    /// below: the rate found, or the highest load that passed.
    public static func table(_ summary: SweepSummary, language: ReportLanguage = .en) -> String {
        let zh = language == .zh
        let passed = summary.points.filter(\.passed).count
        let count = summary.points.count
        var lines = [
            zh
                ? "扫描（\(summary.mode.rawValue)）：\(count) 个测试点，\(passed) 个通过；目标：\(goals(summary.goals, language: language))"
                : "Sweep (\(summary.mode.rawValue)): \(count) points, \(passed) passed; goals: "
                    + goals(summary.goals, language: language)
        ]
        if summary.interrupted {
            lines.append(
                zh ? "扫描被用户中断：已完成的测试点已保留。" : "Sweep interrupted by the user: the points done are kept.")
        }
        let loadHeader = summary.isClosedLoop ? (zh ? "用户" : "users") : (zh ? "请求/秒" : "rate/s")
        let header =
            zh
            ? ["实际/秒", "稳态/秒", "跟上", "错误"] : ["achieved/s", "steady/s", "kept up", "errors"]
        var rows = [
            ["#", loadHeader] + header + ["TTFT p50", "TTFT p99", "E2E p50", "E2E p99", zh ? "token/秒" : "tok/s"]
                + [zh ? "有效吞吐" : "goodput"]
        ]
        for point in summary.points {
            let ttft = point.latency[Metric.timeToFirstToken.id]
            let e2e = point.latency[Metric.endToEndLatency.id]
            rows.append(
                [
                    String(point.index),
                    summary.isClosedLoop
                        ? point.concurrency.map(String.init) ?? FigureText.dash
                        : FigureText.number(point.offeredRatePerS, 2),
                    FigureText.number(point.achievedRatePerS, 2), FigureText.number(point.steadyRatePerS, 2),
                    FigureText.percent(point.keptUpShare), FigureText.percent(point.errorRate),
                ] + [ttft?.p50, ttft?.p99, e2e?.p50, e2e?.p99].map { FigureText.number($0, 1) }
                    + [FigureText.number(point.outputTokensPerS, 1), FigureText.percent(point.goodputShare)])
        }
        let results = [zh ? "结果" : "result"] + summary.points.map { verdict($0, language: language) }
        lines += zip(ConsoleSummary.table(rows), results).map { $0 + "  " + $1 }
        lines.append(verdictLine(summary, language: language))
        return lines.joined(separator: "\n")
    }

    /// The sweep's answer in one line.
    static func verdictLine(_ summary: SweepSummary, language: ReportLanguage = .en) -> String {
        let zh = language == .zh
        let unit = summary.isClosedLoop ? (zh ? "个用户" : "users") : (zh ? "请求/秒" : "req/s")
        let rateUnit = zh ? "请求/秒" : "req/s"
        let (comma, colon) = zh ? ("，", "：") : (", ", ": ")
        if let found = summary.found {
            let evidence = found.evidence(language)
            guard let rate = found.maxRatePerS else {
                return (zh ? "没有速率满足目标：" : "No rate met the goals: ") + evidence
            }
            var line = (zh ? "最大速率 " : "Max rate ") + "\(FigureText.number(rate, 2)) \(rateUnit)"
            if let failing = found.firstFailingRatePerS {
                line += comma + (zh ? "未通过的最低速率 " : "lowest failing ") + "\(FigureText.number(failing, 2)) \(rateUnit)"
            }
            if let reached = found.precisionReached {
                line += comma + (zh ? "精度 " : "precision ") + FigureText.percent(reached)
            }
            return line + colon + evidence
        }
        guard let knee = summary.sustainedLoad else { return zh ? "没有测试点满足目标。" : "No point met the goals." }
        let decimals = summary.isClosedLoop ? 0 : 2
        var line =
            (zh ? "满足目标的最高负载：" : "Highest load that met the goals: ") + "\(FigureText.number(knee, decimals)) \(unit)"
        if let failing = summary.firstFailingLoad {
            line += (zh ? "；" : "; ") + "\(FigureText.number(failing, decimals)) \(unit)" + (zh ? " 未通过" : " failed")
        }
        return line
    }

    /// Every goal a point had to meet, in one line.
    static func goals(_ goals: SweepSummary.Goals, language: ReportLanguage = .en) -> String {
        let zh = language == .zh
        var parts: [String] = []
        let bounds = FigureText.bounds(goals.objectives)
        if !bounds.isEmpty { parts.append(bounds) }
        if let share = goals.goodputShare { parts.append((zh ? "有效吞吐 ≥ " : "goodput ≥ ") + FigureText.percent(share)) }
        parts.append((zh ? "错误 ≤ " : "errors ≤ ") + FigureText.percent(goals.maxErrorRate))
        parts.append((zh ? "跟上 ≥ " : "kept up ≥ ") + FigureText.percent(goals.minKeptUpShare))
        if let precision = goals.precision { parts.append((zh ? "精度 " : "precision ") + FigureText.percent(precision)) }
        return parts.joined(separator: zh ? "，" : ", ")
    }

    static func load(_ point: SweepSummary.Point, mode: SweepSummary.Mode, language: ReportLanguage = .en) -> String {
        let zh = language == .zh
        if mode == .concurrencies {
            guard let users = point.concurrency else { return "\(FigureText.dash) " + (zh ? "个用户" : "users") }
            return zh ? "\(users) 个用户" : users == 1 ? "1 user" : "\(users) users"
        }
        return "\(FigureText.number(point.offeredRatePerS, 2)) " + (zh ? "请求/秒" : "req/s")
    }

    static func verdict(_ point: SweepSummary.Point, language: ReportLanguage = .en) -> String {
        let zh = language == .zh
        if point.passed { return zh ? "通过" : "PASS" }
        return (zh ? "未通过：" : "FAIL: ") + (point.failedBecause(language) ?? (zh ? "未满足目标" : "goals not met"))
    }
}
