import Foundation

/// The files the pages inline (Plotly, the templates, their scripts and the style), loaded from
/// this module's resource bundle: the run's `report.html`, the sweep's and `compare.html`.
///
/// SwiftPM's generated `Bundle.module` stops the process when the bundle is missing; a report
/// must never cost the run, so the bundle is looked up here and a missing one is an error.
struct ReportAssets: Sendable {
    /// Plotly's script, made safe to inline (``scriptSafe(_:)``), as bytes: the page is written
    /// around it, so its 4.8 MB are neither decoded into a `String` nor copied into the page.
    var plotly: [UInt8]
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
        func bytes(_ name: String) throws -> [UInt8] {
            let url = folder.appendingPathComponent(name)
            do {
                // Mapped, so the array is the only copy on the heap: read into `Data` and then
                // copied, Plotly's 4.8 MB were held twice.
                return Array(try Data(contentsOf: url, options: .alwaysMapped))
            } catch {
                throw ReportError.unreadable(file: url.path, reason: error.localizedDescription)
            }
        }
        func read(_ name: String) throws -> String { String(decoding: try bytes(name), as: UTF8.self) }
        let charts = try read("charts.js")
        return ReportAssets(
            plotly: scriptSafe(try bytes("plotly.min.js")), template: try read("report.mustache"),
            script: [charts, try read("report.js"), try read("report-requests.js")].joined(separator: "\n"),
            css: try read("report.css"),
            sweepTemplate: try read("sweep-report.mustache"),
            sweepScript: charts + "\n" + (try read("sweep-report.js")),
            compareTemplate: try read("compare.mustache"), compareScript: charts + "\n" + (try read("compare.js"))
        )
    }

    /// An inlined script ends at the first `</script`, wherever it is: each one inside becomes
    /// `<\/script` (the same string to JavaScript). Plotly has none today; a copy is made only
    /// if one appears.
    static func scriptSafe(_ script: [UInt8]) -> [UInt8] {
        let needle = Array("</script".utf8)
        var result: [UInt8] = []
        var copied = 0
        var index = 0
        while index + needle.count <= script.count {
            if script[index] == UInt8(ascii: "<") && script[index..<(index + needle.count)].elementsEqual(needle) {
                if result.isEmpty { result.reserveCapacity(script.count + 64) }
                result.append(contentsOf: script[copied...index])
                result.append(UInt8(ascii: "\\"))
                copied = index + 1
                index += needle.count
            } else {
                index += 1
            }
        }
        guard copied > 0 else { return script }
        result.append(contentsOf: script[copied...])
        return result
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
