import Foundation
import LLMLoadCore
import LLMLoadMetrics
import Mustache

/// Renders a sweep folder's `report.html`: the whole sweep on one self-contained page that
/// opens offline, built as the run report is (``ReportPage`` around the same inlined Plotly,
/// the same style and chart helpers). Text goes through the template's HTML escaping and the
/// chart data is script-safe JSON, as in ``ReportRenderer``.
public enum SweepReportRenderer {
    /// Writes `folder/report.html` (or `output`) for `summary`.
    /// - Returns: where the report was written.
    /// - Throws: ``ReportError`` when the assets cannot be read or the page cannot be written.
    @discardableResult
    public static func render(
        folder: URL, summary: SweepSummary, language: ReportLanguage, output: URL? = nil
    ) throws -> URL {
        let page = try page(summary, language: language)
        let destination = output ?? folder.appendingPathComponent("report.html")
        try page.save(to: destination)
        return destination
    }

    /// The page for `summary`, in the parts around Plotly.
    static func page(_ summary: SweepSummary, language: ReportLanguage) throws -> ReportPage {
        let assets = try ReportAssets.load()
        return try ReportPage(
            template: assets.sweepTemplate, script: assets.sweepScript, context: context(summary, language: language),
            data: SweepChartData(summary, language: language), assets: assets)
    }

    static func context(_ s: SweepSummary, language: ReportLanguage) -> [String: Any] {
        let hasGPU = s.points.contains { $0.gpuUtilizationMaxPercent != nil || $0.gpuMemoryMaxBytes != nil }
        var context: [String: Any] = [
            "lang": language == .zh ? "zh-CN" : "en",
            "t": SweepReportText.labels(language),
            "toolVersion": s.toolVersion,
            "subtitle": "\(SweepReportText.label("mode_\(s.mode.rawValue)", language)) · \(s.startedAt)",
            "facts": SweepReportTables.facts(s, language),
            "interrupted": s.interrupted,
            "cards": SweepReportTables.cards(s, language),
            "loadHeader": SweepReportText.label(s.isClosedLoop ? "users" : "offered_rate", language),
            "points": SweepReportTables.points(s, language),
            "hasGPU": hasGPU,
        ]
        if s.found == nil && s.sustainedLoad == nil {
            context["verdict"] = SweepReportText.label("no_point_passed", language)
        }
        if let evidence = s.found?.evidence(language) { context["evidence"] = evidence }
        return context
    }
}
