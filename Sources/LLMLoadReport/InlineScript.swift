import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A script a page inlines whole (Plotly), made safe to inline: every `</script` inside it
/// becomes `<\/script` (the same string to JavaScript), since an inlined script ends at the
/// first one, wherever it is.
///
/// From a file it is read in chunks while the page is written, never held: Plotly is 4.8 MB,
/// and the report is written at the end of a run, when the run's memory is at its peak. (Read
/// into an array, or mapped, its pages counted in the run's peak RSS.)
struct InlineScript: Sendable {
    /// The script's file.
    let url: URL

    /// How much of the file is read at a time.
    static let chunkSize = 64 * 1024

    private static let closer = Array("</script".utf8)

    /// Calls `body` with the safe script, in order, a piece at a time; each piece is valid only
    /// during the call.
    func forEachPiece(chunkSize: Int = chunkSize, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        try Self.readDefused(url, chunkSize: chunkSize, body)
    }

    /// The safe script, whole.
    func bytes() throws -> [UInt8] {
        var whole: [UInt8] = []
        try forEachPiece { whole.append(contentsOf: $0) }
        return whole
    }

    /// Reads the file in chunks and hands each over defused. The last `closer.count - 1` bytes
    /// of what was read wait for the next chunk: a `</script` may begin in them.
    private static func readDefused(
        _ url: URL, chunkSize: Int, _ body: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw ReportError.unreadable(file: url.path, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        var pending: [UInt8] = []
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else {
                throw ReportError.unreadable(file: url.path, reason: String(cString: strerror(errno)))
            }
            if count == 0 { break }
            pending.append(contentsOf: chunk[..<count])
            let ready = max(0, pending.count - (closer.count - 1))
            output.removeAll(keepingCapacity: true)
            defuse(pending, upTo: ready, into: &output)
            try output.withUnsafeBytes(body)
            pending.removeFirst(ready)
        }
        output.removeAll(keepingCapacity: true)
        defuse(pending, upTo: pending.count, into: &output)
        if !output.isEmpty { try output.withUnsafeBytes(body) }
    }

    /// Appends the first `end` of `bytes` to `output`, with `\` put after the `<` of each
    /// `</script` that begins before `end` (it may run past `end`, into the rest of `bytes`).
    private static func defuse(_ bytes: [UInt8], upTo end: Int, into output: inout [UInt8]) {
        bytes.withUnsafeBytes { raw in
            var copied = 0
            var index = 0
            while index < end, let base = raw.baseAddress,
                let found = memchr(base + index, Int32(UInt8(ascii: "<")), end - index)
            {
                let at = UnsafeRawPointer(found) - base
                index = at + 1
                guard at + closer.count <= raw.count,
                    closer.indices.allSatisfy({ raw[at + $0] == closer[$0] })
                else { continue }
                output.append(contentsOf: raw[copied...at])
                output.append(UInt8(ascii: "\\"))
                copied = at + 1
            }
            output.append(contentsOf: raw[copied..<end])
        }
    }
}
