import NIOCore

/// Splits a Server-Sent Events stream into the `data` of each event (its bytes), however the bytes were
/// cut into network chunks.
///
/// Follows the SSE rules that matter for LLM servers: `data:` lines (one optional space after
/// the colon) are joined with `\n`, a blank line ends the event, lines starting with `:` are
/// comments or keep-alives, and other fields (`event:`, `id:`, `retry:`) are ignored.
///
/// An event whose data is one line inside one network chunk — nearly every token event — is
/// handed over as a slice of that chunk, without a copy.
public struct SSEFramer: Sendable {
    /// An event whose data grows longer (a server sending `data:` lines and never a blank
    /// line) is treated as a malformed stream rather than buffered without bound.
    public static let maximumEventLength = LineFramer.maximumLineLength

    private var lines = LineFramer(keepsEmptyLines: true)
    /// The data so far when it is a single line of the chunk being framed: a slice, not a copy.
    private var line: ByteBuffer?
    /// The data so far once it spans lines, or outlives the chunk it came in.
    private var data = ByteBuffer()
    private var hasData = false

    public init() {}

    /// Adds `buffer` and calls `body` with the data of each event it completes.
    ///
    /// - Throws: ``ResponseDecodingError/eventTooLong(bytes:)`` past ``maximumEventLength``.
    public mutating func append(
        _ buffer: ByteBuffer,
        _ body: (ByteBuffer) throws(ResponseDecodingError) -> Void
    ) throws(ResponseDecodingError) {
        var framed = lines
        lines = LineFramer(keepsEmptyLines: true)  // moved out so `handle` can mutate self without overlapping access
        defer { lines = framed }
        try framed.append(buffer) { line throws(ResponseDecodingError) in try handle(line, body) }
        // Keep no slice past this call: it would pin the network chunk, and the line framer's
        // buffer would be copied on its next write.
        if let line {
            self.line = nil
            data.clear()
            data.writeImmutableBuffer(line)
        }
    }

    /// Ends the stream. As the SSE specification says, an event that was not completed by a
    /// blank line is discarded — a stream cut mid-event must not yield half an event — with one
    /// leniency: a complete `data: [DONE]` line is honoured even without its blank line.
    public mutating func finish(_ body: (ByteBuffer) throws(ResponseDecodingError) -> Void)
        throws(ResponseDecodingError)
    {
        lines = LineFramer(keepsEmptyLines: true)
        if hasData && (line ?? data).withUnsafeReadableBytes({ $0.equals("[DONE]") }) { try dispatch(body) }
        line = nil
        data.clear()
        hasData = false
    }

    private mutating func handle(
        _ line: ByteBuffer,
        _ body: (ByteBuffer) throws(ResponseDecodingError) -> Void
    ) throws(ResponseDecodingError) {
        guard line.readableBytes > 0 else { return try dispatch(body) }
        // Where the value starts, or nil for a line that is not a `data` field.
        let valueOffset: Int? = line.withUnsafeReadableBytes { bytes in
            guard bytes[0] != UInt8(ascii: ":") else { return nil }  // a comment
            let colon = ByteScan.firstIndex(of: UInt8(ascii: ":"), in: bytes, from: 0) ?? bytes.count
            guard UnsafeRawBufferPointer(rebasing: bytes[..<colon]).equals("data") else { return nil }
            let start = min(colon + 1, bytes.count)
            return start < bytes.count && bytes[start] == UInt8(ascii: " ") ? start + 1 : start
        }
        guard let valueOffset else { return }
        let value = line.getSlice(at: line.readerIndex + valueOffset, length: line.readableBytes - valueOffset)!
        guard hasData else {
            guard value.readableBytes <= Self.maximumEventLength else {
                throw .eventTooLong(bytes: value.readableBytes)
            }
            self.line = value
            hasData = true
            return
        }
        if let earlier = self.line {
            self.line = nil
            data.clear()
            data.writeImmutableBuffer(earlier)
        }
        guard data.readableBytes + 1 + value.readableBytes <= Self.maximumEventLength else {
            throw .eventTooLong(bytes: data.readableBytes + 1 + value.readableBytes)
        }
        data.writeInteger(UInt8(ascii: "\n"))
        data.writeImmutableBuffer(value)
    }

    private mutating func dispatch(_ body: (ByteBuffer) throws(ResponseDecodingError) -> Void)
        throws(ResponseDecodingError)
    {
        guard hasData else { return }
        let event = line ?? data
        line = nil
        hasData = false
        try body(event)
        data.clear()
    }
}
