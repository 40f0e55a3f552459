import Foundation

/// The files `report.html` inlines (Plotly, the template, its script and style), loaded from
/// this module's resource bundle.
///
/// SwiftPM's generated `Bundle.module` stops the process when the bundle is missing; a report
/// must never cost the run, so the bundle is looked up here and a missing one is an error.
struct ReportAssets: Sendable {
    var plotly: String
    var template: String
    var script: String
    var css: String

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
                return try String(contentsOf: url, encoding: .utf8)
            } catch {
                throw ReportError.unreadable(file: url.path, reason: error.localizedDescription)
            }
        }
        // Inlined scripts end at the first `</script`, wherever it is: make sure none is inside.
        let plotly = try read("plotly.min.js").replacingOccurrences(of: "</script", with: "<\\/script")
        return ReportAssets(
            plotly: plotly, template: try read("report.mustache"), script: try read("report.js"),
            css: try read("report.css")
        )
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
