import Foundation

/// The files the pages inline (Plotly, the templates, their scripts and the style), loaded from
/// this module's resource bundle: the run's `report.html`, the sweep's and `compare.html`.
///
/// SwiftPM's generated `Bundle.module` stops the process when the bundle is missing; a report
/// must never cost the run, so the bundle is looked up here and a missing one is an error.
struct ReportAssets: Sendable {
    /// Plotly's script, read from its file as a page is written: the page is written around it,
    /// so its 4.8 MB are neither held, nor decoded into a `String`, nor copied into the page.
    var plotly: InlineScript
    var template: String
    /// `charts.js` (the drawing every page shares), then `report.js` and `report-requests.js`
    /// (which draws them all).
    var script: String
    var css: String
    /// The sweep's page: its template, and `charts.js` then `sweep-report.js`.
    var sweepTemplate: String
    var sweepScript: String
    /// `compare.html`'s template and script (`charts.js`, then `compare.js`).
    var compareTemplate: String
    var compareScript: String

    static let bundleName = "llmload_LLMLoadReport.resources"

    /// Read once per process: Plotly alone is 4.8 MB.
    static func load() throws -> ReportAssets { try cached.get() }

    private static let cached = Result { try read() }

    private static func read() throws -> ReportAssets {
        guard let folder = bundleFolder() else {
            throw ReportError.unreadable(
                file: bundleName,
                reason: "the report's assets were not found beside the llmload executable; keep the "
                    + "\(bundleName) folder next to it (set LLMLOAD_REPORT_ASSETS to its path)"
            )
        }
        func read(_ name: String) throws -> String {
            let url = folder.appendingPathComponent(name)
            do {
                return String(decoding: try Data(contentsOf: url), as: UTF8.self)
            } catch {
                throw ReportError.unreadable(file: url.path, reason: error.localizedDescription)
            }
        }
        let charts = try read("charts.js")
        return ReportAssets(
            plotly: try plotly(folder.appendingPathComponent("plotly.min.js")), template: try read("report.mustache"),
            script: [charts, try read("report.js"), try read("report-requests.js")].joined(separator: "\n"),
            css: try read("report.css"),
            sweepTemplate: try read("sweep-report.mustache"),
            sweepScript: charts + "\n" + (try read("sweep-report.js")),
            compareTemplate: try read("compare.mustache"), compareScript: charts + "\n" + (try read("compare.js"))
        )
    }

    /// Plotly's file, checked now: a missing one is then reported as the unreadable asset it
    /// is, not as a page that could not be written.
    private static func plotly(_ url: URL) throws -> InlineScript {
        guard FileManager.default.isReadableFile(atPath: url.path) else {
            throw ReportError.unreadable(file: url.path, reason: "missing or unreadable")
        }
        return InlineScript(url: url)
    }

    /// `LLMLOAD_REPORT_ASSETS`, else the bundle beside the executable (where `swift build`
    /// puts it, for the tool and for the test runner alike), else beside `Bundle.main`.
    static func bundleFolder() -> URL? {
        var candidates: [URL] = []
        if let path = ProcessInfo.processInfo.environment["LLMLOAD_REPORT_ASSETS"] {
            candidates.append(URL(fileURLWithPath: path))
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        candidates.append(executable.deletingLastPathComponent().appendingPathComponent(bundleName))
        if let main = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            candidates.append(main.deletingLastPathComponent().appendingPathComponent(bundleName))
        }
        candidates.append(Bundle.main.bundleURL.appendingPathComponent(bundleName))
        return candidates.first {
            FileManager.default.fileExists(atPath: $0.appendingPathComponent("report.mustache").path)
        }
    }
}
