import Foundation
import Mustache

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `report.html` as the rendered template around Plotly's script: written to the file part by
/// part, Plotly read from its own file as it is written, so its 4.8 MB are never held nor copied
/// into one page string (that copy, and turning Plotly into a `String` first, cost about a
/// second of CPU and 25 MB at the end of every run).
struct ReportPage {
    /// Where the template puts Plotly. Nothing the run supplies can contain it: every text from
    /// the run is HTML-escaped and the chart data has `<` escaped.
    static let plotlyMarker = "<!--llmload:plotly-->"

    let before: String
    let plotly: InlineScript
    let after: String

    /// A page of llmload's: `template` rendered with `context`, the shared style, Plotly's place,
    /// `script`, and `data` as script-safe JSON for the script to draw from.
    init(
        template: String, script: String, context: [String: Any], data: some Encodable, assets: ReportAssets
    ) throws {
        var context = context
        context["css"] = assets.css
        context["plotly"] = Self.plotlyMarker
        context["script"] = script
        context["dataJSON"] = try ReportRenderer.scriptSafeJSON(data)
        try self.init(rendered: try MustacheTemplate(string: template).render(context), plotly: assets.plotly)
    }

    init(rendered: String, plotly: InlineScript) throws {
        guard let marker = rendered.range(of: Self.plotlyMarker) else {
            throw ReportError.unreadable(file: "report.mustache", reason: "the template has no place for Plotly")
        }
        before = String(rendered[..<marker.lowerBound])
        after = String(rendered[marker.upperBound...])
        self.plotly = plotly
    }

    /// ``write(to:)``, its failure as ``ReportError/writeFailed(file:reason:)``.
    func save(to destination: URL) throws(ReportError) {
        do {
            try write(to: destination)
        } catch {
            throw .writeFailed(file: destination.path, reason: error.localizedDescription)
        }
    }

    /// Writes the page to a temporary file beside `destination`, then renames it into place: a
    /// reader never sees half a report, and an old report stays whole if writing fails.
    func write(to destination: URL) throws {
        let folder = destination.deletingLastPathComponent()
        let name = ".\(destination.lastPathComponent).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let temporary = folder.appendingPathComponent(name)
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
            let handle = FileHandle(forWritingAtPath: temporary.path)
        else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temporary.path]) }
        do {
            defer { try? handle.close() }
            // From the strings' own storage: no copy of the page's megabytes of data.
            var before = before
            var after = after
            try before.withUTF8 { try handle.write(contentsOf: UnsafeRawBufferPointer($0)) }
            try plotly.forEachPiece { try handle.write(contentsOf: $0) }
            try after.withUTF8 { try handle.write(contentsOf: UnsafeRawBufferPointer($0)) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
        guard rename(temporary.path, destination.path) == 0 else {
            let code = errno
            try? FileManager.default.removeItem(at: temporary)
            throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
        }
    }
}
