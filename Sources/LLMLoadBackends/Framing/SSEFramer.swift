import Foundation
import NIOCore

/// Splits a Server-Sent Events stream into the `data` of each event (its bytes), however the bytes were
/// cut into network chunks.
///
/// Follows the SSE rules that matter for LLM servers: `data:` lines (one optional space after
/// the colon) are joined with `\n`, a blank line ends the event, lines starting with `:` are
/// comments or keep-alives, and other fields (`event:`, `id:`, `retry:`) are ignored.
public struct SSEFramer: Sendable {
    private var lines = LineFramer(keepsEmptyLines: true)
    private var data: [UInt8] = []
    private var hasData = false

    public init() {}

    /// Adds `buffer` and calls `body` with the data of each event it completes.
    public mutating func append(
        _ buffer: ByteBuffer,
        _ body: (Data) throws(ResponseDecodingError) -> Void
    ) throws(ResponseDecodingError) {
        var framed = lines
        lines = LineFramer(keepsEmptyLines: true)  // moved out so `handle` can mutate self without overlapping access
        defer { lines = framed }
        try framed.append(buffer) { line throws(ResponseDecodingError) in try handle(line, body) }
    }

    /// Ends the stream. As the SSE specification says, an event that was not completed by a
    /// blank line is discarded — a stream cut mid-event must not yield half an event — with one
    /// leniency: a complete `data: [DONE]` line is honoured even without its blank line.
    public mutating func finish(_ body: (Data) throws(ResponseDecodingError) -> Void) throws(ResponseDecodingError) {
        lines = LineFramer(keepsEmptyLines: true)
        if hasData && data.elementsEqual("[DONE]".utf8) { try dispatch(body) }
        data.removeAll()
        hasData = false
    }

    private mutating func handle(
        _ line: ByteBuffer,
        _ body: (Data) throws(ResponseDecodingError) -> Void
    ) throws(ResponseDecodingError) {
        let bytes = line.readableBytesView
        guard let first = bytes.first else { return try dispatch(body) }
        if first == UInt8(ascii: ":") { return }
        let colon = bytes.firstIndex(of: UInt8(ascii: ":")) ?? bytes.endIndex
        guard bytes[bytes.startIndex..<colon].elementsEqual("data".utf8) else { return }
        var value = bytes[colon...].dropFirst()
        if value.first == UInt8(ascii: " ") { value = value.dropFirst() }
        if hasData { data.append(UInt8(ascii: "\n")) }
        data.append(contentsOf: value)
        hasData = true
    }

    private mutating func dispatch(_ body: (Data) throws(ResponseDecodingError) -> Void) throws(ResponseDecodingError) {
        guard hasData else { return }
        // Handed over as `Data`, the form `JSONDecoder` reads, so the event is copied once.
        let event = Data(data)
        data.removeAll(keepingCapacity: true)
        hasData = false
        try body(event)
    }
}
