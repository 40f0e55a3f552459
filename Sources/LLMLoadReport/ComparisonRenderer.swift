import Foundation
import LLMLoadCore
import Mustache

/// Renders `compare.html`: self-contained and offline like `report.html` (the same Plotly, style
/// and page writing), with the runs, what differs, the figure table with changes and intervals,
/// overlaid CDFs and time series. Every text from the runs goes through the template's HTML
/// escaping; the chart data is script-safe JSON.
public enum ComparisonRenderer {
    public static let fileName = "compare.html"

    /// Writes the page (`compare.html`, or `fileName`) into `folder`, making the folder if needed.
    /// - Returns: where the page was written.
    /// - Throws: ``ReportError`` when the assets cannot be read or the page cannot be written.
    @discardableResult
    public static func render(
        _ comparison: RunComparison, language: ReportLanguage, folder: URL, fileName: String = fileName
    ) throws -> URL {
        let page = try page(comparison, language: language)
        let destination = folder.appendingPathComponent(fileName)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw ReportError.writeFailed(file: destination.path, reason: error.localizedDescription)
        }
        try page.save(to: destination)
        return destination
    }

    /// The page, whole.
    public static func render(_ comparison: RunComparison, language: ReportLanguage) throws -> String {
        let page = try page(comparison, language: language)
        return String(decoding: try page.bytes(), as: UTF8.self)
    }

    static func page(_ comparison: RunComparison, language: ReportLanguage) throws -> ReportPage {
        let assets = try ReportAssets.load()
        return try ReportPage(
            template: assets.compareTemplate, script: assets.compareScript,
            context: context(comparison, language: language),
            data: ComparisonChartData(comparison, language: language), assets: assets)
    }

    static func context(_ comparison: RunComparison, language: ReportLanguage) -> [String: Any] {
        let runs = comparison.runs.enumerated().map { index, run -> [String: Any] in
            let s = run.summary
            return [
                "label": RunComparison.label(index), "folder": run.folder.path, "model": s.runDescription.target.model,
                "pattern": s.runDescription.load.pattern, "started": s.run.startedAt,
            ]
        }
        let note = ReportText.label("ci_note", language, table: ComparisonText.table)
            .replacingOccurrences(of: "{resamples}", with: String(comparison.bootstrap.resamples))
        return [
            "lang": language == .zh ? "zh-CN" : "en",
            "t": ReportText.labels(language, table: ComparisonText.table),
            "toolVersion": comparison.runs[0].summary.runDescription.tool.version,
            "runs": runs,
            "later": comparison.runs.indices.dropFirst().map { ["label": RunComparison.label($0)] },
            "hasDifferences": !comparison.differences.isEmpty,
            "differences": comparison.differences.map { ["name": $0.title(language), "values": $0.values] },
            "figures": comparison.figures.map { figureRow($0, language: language) },
            "ciNote": note,
        ]
    }

    static func figureRow(_ figure: ComparedFigure, language: ReportLanguage) -> [String: Any] {
        let changes = figure.changes.dropFirst().map { change -> [String: String] in
            guard let change else { return ["absolute": FigureText.dash, "relative": FigureText.dash, "interval": ""] }
            return [
                "absolute": figure.absoluteText(change), "relative": FigureText.signedPercent(change.relative),
                "interval": figure.intervalText(change) ?? "", "tone": tone(figure, change),
            ]
        }
        return [
            "key": figure.key, "name": figure.title(language), "unit": figure.unit,
            "values": figure.values.indices.map(figure.valueText), "changes": changes,
        ]
    }

    /// The smallest relative change the page colours: below it a change can be real (the
    /// interval excludes 0) and still not matter, and a page red with +0.1 % rows hides the rows
    /// that do.
    static let notableChange = 0.01

    /// `worse` or `better` when the interval lies wholly beyond ±``notableChange`` and the
    /// figure has a worse way; else empty.
    static func tone(_ figure: ComparedFigure, _ change: ComparedFigure.Change) -> String {
        guard let worse = figure.worse, let interval = change.interval?.relativeInterval else { return "" }
        let turned = worse.worsening(interval.lower, interval.upper)
        if turned.least > notableChange { return "worse" }
        if turned.most < -notableChange { return "better" }
        return ""
    }
}
