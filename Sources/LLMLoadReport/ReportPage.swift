import Foundation
import Mustache

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `report.html` as the rendered template around Plotly's script and the chart data: written to
/// the file part by part, Plotly read from its own file as it is written, so its 4.8 MB are never
/// held nor copied into one page string (that copy, and turning Plotly into a `String` first, cost
/// about a second of CPU and 25 MB at the end of every run); the chart data's bytes written as
/// they are, not made a `String`, rendered into the template and copied again (4 MB of heap at
/// the end of a run, when its memory is highest).
struct ReportPage {
    /// Where the template puts Plotly, and where it puts the chart data. Nothing the run supplies
    /// can contain them: every text from the run is HTML-escaped and the chart data has `<`
    /// escaped.
    static let plotlyMarker = "<!--llmload:plotly-->"
    static let dataMarker = "<!--llmload:data-->"

    /// The page in order.
    enum Part {
        case text(String)
        case plotly
        case data
    }

    let parts: [Part]
    let plotly: InlineScript
    /// Script-safe JSON (``ReportRenderer/scriptSafeJSONBytes(_:)``).
    let data: [UInt8]

    /// A page of llmload's: `template` rendered with `context`, the shared style, Plotly's place,
    /// `script`, and `data` as script-safe JSON for the script to draw from.
    init(
        template: String, script: String, context: [String: Any], data: some Encodable, assets: ReportAssets
    ) throws {
        var context = context
        context["css"] = assets.css
        context["plotly"] = Self.plotlyMarker
        context["script"] = script
        context["dataJSON"] = Self.dataMarker
        try self.init(
            rendered: try MustacheTemplate(string: template).render(context), plotly: assets.plotly,
            data: try ReportRenderer.scriptSafeJSONBytes(data))
    }

    /// - Parameter data: written at ``dataMarker``, which `rendered` must then hold.
    init(rendered: String, plotly: InlineScript, data: [UInt8] = []) throws {
        guard let plotlyPlace = rendered.range(of: Self.plotlyMarker) else {
            throw ReportError.unreadable(file: "report.mustache", reason: "the template has no place for Plotly")
        }
        var places = [(plotlyPlace, Part.plotly)]
        if let dataPlace = rendered.range(of: Self.dataMarker) {
            places.append((dataPlace, .data))
        } else if !data.isEmpty {
            throw ReportError.unreadable(file: "report.mustache", reason: "the template has no place for the data")
        }
        var parts: [Part] = []
        var start = rendered.startIndex
        for (place, part) in places.sorted(by: { $0.0.lowerBound < $1.0.lowerBound }) {
            parts += [.text(String(rendered[start..<place.lowerBound])), part]
            start = place.upperBound
        }
        parts.append(.text(String(rendered[start...])))
        self.parts = parts
        self.plotly = plotly
        self.data = data
    }

    /// The page as bytes, Plotly included if `withPlotly` (tests, and callers that return the
    /// page as text; ``write(to:)`` never holds it whole).
    func bytes(withPlotly: Bool = true) throws -> [UInt8] {
        var bytes: [UInt8] = []
        for part in parts {
            switch part {
            case .text(let text): bytes += text.utf8
            case .plotly: if withPlotly { bytes += try plotly.bytes() }
            case .data: bytes += data
            }
        }
        return bytes
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
            for part in parts {
                switch part {
                case .text(var text):
                    // From the string's own storage: no copy.
                    try text.withUTF8 { try handle.write(contentsOf: UnsafeRawBufferPointer($0)) }
                case .plotly:
                    try plotly.forEachPiece { try handle.write(contentsOf: $0) }
                case .data:
                    try data.withUnsafeBytes { try handle.write(contentsOf: $0) }
                }
            }
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
