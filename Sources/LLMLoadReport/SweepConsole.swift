import LLMLoadMetrics

/// What `llmload sweep` prints: a line per point as it finishes, and a table with the verdict
/// at the end, in the console summary's plain style (``FigureText`` figures, a dash for absent
/// ones). Always in English, as the console is.
public enum SweepConsole {
    /// One line for a finished point: its load, what the server achieved, errors, TTFT and E2E
    /// P50/P99, output tokens/s, and PASS or FAIL with the reason.
    public static func pointLine(_ point: SweepSummary.Point, mode: SweepSummary.Mode) -> String {
        let ttft = point.latency[Metric.timeToFirstToken.id]
        let e2e = point.latency[Metric.endToEndLatency.id]
        return
            "[\(point.index)] \(load(point, mode: mode)): achieved \(FigureText.number(point.achievedRatePerS, 2)) req/s, "
            + "errors \(FigureText.percent(point.errorRate)), "
            + "TTFT P50/P99 \(FigureText.number(ttft?.p50, 1))/\(FigureText.number(ttft?.p99, 1)) ms, "
            + "E2E P50/P99 \(FigureText.number(e2e?.p50, 1))/\(FigureText.number(e2e?.p99, 1)) ms, "
            + "\(FigureText.number(point.outputTokensPerS, 1)) tok/s  \(verdict(point))"
            + (point.clientSaturated ? " (llmload itself was saturated: its latencies are partly its own)" : "")
    }

    /// The table of every point in the order they ran, the goals above it and the verdict
    /// below: the rate found, or the highest load that passed.
    public static func table(_ summary: SweepSummary) -> String {
        let passed = summary.points.filter(\.passed).count
        var lines = [
            "Sweep (\(summary.mode.rawValue)): \(summary.points.count) points, \(passed) passed; goals: "
                + goals(summary.goals)
        ]
        if summary.interrupted { lines.append("Sweep interrupted by the user: the points done are kept.") }
        let loadHeader = summary.isClosedLoop ? "users" : "rate/s"
        var rows = [
            [
                "#", loadHeader, "achieved/s", "steady/s", "kept up", "errors", "TTFT p50", "TTFT p99", "E2E p50",
                "E2E p99", "tok/s", "goodput",
            ]
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
        let results = ["result"] + summary.points.map(verdict)
        lines += zip(ConsoleSummary.table(rows), results).map { $0 + "  " + $1 }
        lines.append(verdictLine(summary))
        return lines.joined(separator: "\n")
    }

    /// The sweep's answer in one line.
    static func verdictLine(_ summary: SweepSummary) -> String {
        let unit = summary.isClosedLoop ? "users" : "req/s"
        if let found = summary.found {
            guard let rate = found.maxRatePerS else { return "No rate met the goals: \(found.evidence)" }
            var line = "Max rate \(FigureText.number(rate, 2)) req/s"
            if let failing = found.firstFailingRatePerS {
                line += ", lowest failing \(FigureText.number(failing, 2)) req/s"
            }
            if let reached = found.precisionReached { line += ", precision \(FigureText.percent(reached))" }
            return line + ": \(found.evidence)"
        }
        guard let knee = summary.sustainedLoad else { return "No point met the goals." }
        var line = "Highest load that met the goals: \(FigureText.number(knee, summary.isClosedLoop ? 0 : 2)) \(unit)"
        if let failing = summary.firstFailingLoad {
            line += "; \(FigureText.number(failing, summary.isClosedLoop ? 0 : 2)) \(unit) failed"
        }
        return line
    }

    /// Every goal a point had to meet, in one line.
    static func goals(_ goals: SweepSummary.Goals) -> String {
        var parts: [String] = []
        let bounds = FigureText.bounds(goals.objectives)
        if !bounds.isEmpty { parts.append(bounds) }
        if let share = goals.goodputShare { parts.append("goodput ≥ \(FigureText.percent(share))") }
        parts.append("errors ≤ \(FigureText.percent(goals.maxErrorRate))")
        parts.append("kept up ≥ \(FigureText.percent(goals.minKeptUpShare))")
        if let precision = goals.precision { parts.append("precision \(FigureText.percent(precision))") }
        return parts.joined(separator: ", ")
    }

    static func load(_ point: SweepSummary.Point, mode: SweepSummary.Mode) -> String {
        if mode == .concurrencies {
            guard let users = point.concurrency else { return "\(FigureText.dash) users" }
            return users == 1 ? "1 user" : "\(users) users"
        }
        return "\(FigureText.number(point.offeredRatePerS, 2)) req/s"
    }

    static func verdict(_ point: SweepSummary.Point) -> String {
        point.passed ? "PASS" : "FAIL: \(point.failedBecause ?? "goals not met")"
    }
}
