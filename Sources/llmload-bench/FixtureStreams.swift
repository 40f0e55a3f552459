import Foundation
import NIOCore

/// The captured real streams of the backend tests, cut into the chunks a server sends: one
/// Server-Sent Event or one NDJSON line per chunk, as a token-by-token server writes them.
struct FixtureStreams {
    /// One entry per `.sse` file: its events, each one chunk.
    var sse: [[ByteBuffer]]
    /// One entry per `.ndjson` file: its lines, each one chunk.
    var ndjson: [[ByteBuffer]]

    static func load(from folder: URL) throws -> FixtureStreams {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        func chunks(_ name: String, separator: String) throws -> [ByteBuffer] {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            let parts = text.components(separatedBy: separator).filter { !$0.isEmpty }
            return parts.map { ByteBuffer(string: $0 + separator) }
        }
        let streams = FixtureStreams(
            sse: try names.filter { $0.hasSuffix(".sse") }.map { try chunks($0, separator: "\n\n") },
            ndjson: try names.filter { $0.hasSuffix(".ndjson") }.map { try chunks($0, separator: "\n") }
        )
        guard !streams.sse.isEmpty, !streams.ndjson.isEmpty else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: folder.path + " (no .sse or .ndjson)"])
        }
        return streams
    }
}
