import Foundation
import LLMLoadCore
import LLMLoadMetrics

/// The sweep report's text parts as rows for the template: facts, headline cards and the table
/// of points (in the order they ran). Numbers are formatted with ``FigureText``, the same in
/// every language; the reasons a point failed in the report's language (English where an older
/// `sweep.json` has no Chinese).
enum SweepReportTables {
    typealias Row = [String: Any]

    static func facts(_ s: SweepSummary, _ language: ReportLanguage) -> [Row] {
        func label(_ key: String) -> String { SweepReportText.label(key, language) }
        return [
            (label("mode"), label("mode_\(s.mode.rawValue)")),
            (label("goals"), SweepConsole.goals(s.goals, language: language)),
            (label("points"), String(s.points.count)),
            (label("started"), s.startedAt),
            (label("ended"), s.endedAt),
            (label("tool"), "llmload \(s.toolVersion)"),
        ].map { ["name": $0.0, "value": $0.1] }
    }

    static func cards(_ s: SweepSummary, _ language: ReportLanguage) -> [Row] {
        func label(_ key: String) -> String { SweepReportText.label(key, language) }
        let unit = s.isClosedLoop ? label("users") : "req/s"
        let places = s.isClosedLoop ? 0 : 2
        let passed = s.points.filter(\.passed).count
        var precision = ""
        if let reached = s.found?.precisionReached {
            precision = "\(label("precision_reached")) \(FigureText.percent(reached))"
        }
        return [
            [
                "label": label(s.found == nil ? "highest_passing" : "max_rate"),
                "value": FigureText.number(s.sustainedLoad, places), "unit": unit, "detail": precision,
                "tone": s.sustainedLoad == nil ? "bad" : "good",
            ],
            [
                "label": label("lowest_failing"), "value": FigureText.number(s.firstFailingLoad, places),
                "unit": unit, "detail": "", "tone": "",
            ],
            [
                "label": label("points_passed"), "value": "\(passed) / \(s.points.count)", "unit": "", "detail": "",
                "tone": passed == s.points.count ? "good" : "",
            ],
            [
                "label": label("peak_tokens"),
                "value": FigureText.number(s.points.compactMap(\.outputTokensPerS).max(), 1),
                "unit": "tok/s", "detail": "", "tone": "",
            ],
        ]
    }

    /// One row per point, in the order they ran, with a link to the point's own report.
    static func points(_ s: SweepSummary, _ language: ReportLanguage) -> [Row] {
        s.points.map { p in
            let ttft = p.latency[Metric.timeToFirstToken.id]
            let e2e = p.latency[Metric.endToEndLatency.id]
            var row: Row = [
                "index": String(p.index),
                "load": s.isClosedLoop
                    ? p.concurrency.map(String.init) ?? FigureText.dash : FigureText.number(p.offeredRatePerS, 2),
                "achieved": FigureText.number(p.achievedRatePerS, 2),
                "steady": FigureText.number(p.steadyRatePerS, 2),
                "keptUp": FigureText.percent(p.keptUpShare),
                "errors": FigureText.percent(p.errorRate),
                "ttftP50": FigureText.number(ttft?.p50, 1), "ttftP99": FigureText.number(ttft?.p99, 1),
                "e2eP50": FigureText.number(e2e?.p50, 1), "e2eP99": FigureText.number(e2e?.p99, 1),
                "tokens": FigureText.number(p.outputTokensPerS, 1),
                "goodput": FigureText.percent(p.goodputShare),
                "passed": p.passed,
                "verdict": SweepReportText.label(p.passed ? "pass" : "fail", language),
                "report": reportLink(p.folder),
            ]
            if let reason = p.failedBecause(language) { row["reason"] = reason }
            if let note = SweepConsole.clientNote(p, language: language) { row["client"] = note }
            return row
        }
    }

    /// The point's `report.html` as a relative link: every path segment percent-encoded and the
    /// whole prefixed with `./`, so a folder name can neither leave the path (`?`, `#`) nor be
    /// read as a scheme (`javascript:`). The template escapes it for HTML on top.
    static func reportLink(_ folder: String) -> String {
        var segment = CharacterSet.urlPathAllowed
        segment.remove(charactersIn: "/;?#")
        let path = folder.split(separator: "/", omittingEmptySubsequences: true).map {
            String($0).addingPercentEncoding(withAllowedCharacters: segment) ?? ""
        }
        return "./" + (path + ["report.html"]).joined(separator: "/")
    }
}
