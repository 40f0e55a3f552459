import NIOCore

/// Splits a Server-Sent Events stream into the `data` of each event (its bytes), however the bytes were
/// cut into network chunks.
///
/// Follows the SSE rules that matter for LLM servers: `data:` lines (one optional space after
/// the colon) are joined with `\n`, a blank line ends the event, lines starting with `:` are
/// comments or keep-alives, and other fields (`event:`, `id:`, `retry:`) are ignored.
///
/// An event's data is handed over as bytes valid only during the call. When it is one line
/// inside one network chunk — nearly every token event — those are the chunk's own bytes,
/// with no copy.
public struct SSEFramer: Sendable {
    /// An event whose data grows longer (a server sending `data:` lines and never a blank
    /// line) is treated as a malformed stream rather than buffered without bound.
    public static let maximumEventLength = LineFramer.maximumLineLength

    private var lines = LineFramer(keepsEmptyLines: true)
    /// The data so far once it spans lines, or outlives the chunk it came in. (While it is one
    /// line of the chunk being framed, ``append(_:_:)`` keeps only where that line lies.)
    private var data = ByteBuffer()
    private var hasData = false

    public init() {}

    /// Adds `buffer` and calls `body` with the data of each event it completes.
    ///
    /// - Throws: ``ResponseDecodingError/eventTooLong(bytes:)`` past ``maximumEventLength``.
    public mutating func append(
        _ buffer: ByteBuffer,
        _ body: (UnsafeRawBufferPointer) throws(ResponseDecodingError) -> Void
    ) throws(ResponseDecodingError) {
        // Moved out so `handle` can mutate self without overlapping access; swapped, not copied,
        // so its buffer is not retained and released on every chunk.
        var framed = LineFramer(keepsEmptyLines: true)
        swap(&framed, &lines)
        defer { swap(&framed, &lines) }
        // The data so far when it is a single line of this chunk: valid until the line framer
        // releases its bytes, when it is copied.
        var single: UnsafeRawBufferPointer?
        try framed.append(
            buffer,
            { line throws(ResponseDecodingError) in try handle(line, &single, body) },
            beforeReleasing: {
                if let line = single {
                    single = nil
                    data.clear()
                    data.writeBytes(line)
                }
            })
    }

    /// Ends the stream. As the SSE specification says, an event that was not completed by a
    /// blank line is discarded — a stream cut mid-event must not yield half an event — with one
    /// leniency: a complete `data: [DONE]` line is honoured even without its blank line.
    public mutating func finish(_ body: (UnsafeRawBufferPointer) throws(ResponseDecodingError) -> Void)
        throws(ResponseDecodingError)
    {
        lines = LineFramer(keepsEmptyLines: true)
        // No line is pending here: `append` copied it before returning.
        if hasData && data.withUnsafeReadableBytes({ $0.equals("[DONE]") }) { try dispatchData(body) }
        data.clear()
        hasData = false
    }

    private mutating func handle(
        _ line: UnsafeRawBufferPointer,
        _ single: inout UnsafeRawBufferPointer?,
        _ body: (UnsafeRawBufferPointer) throws(ResponseDecodingError) -> Void
    ) throws(ResponseDecodingError) {
        guard line.count > 0 else { return try dispatch(&single, body) }
        // Where the value starts; nothing for a comment or a field other than `data`.
        guard line[0] != UInt8(ascii: ":") else { return }
        let colon = ByteScan.firstIndex(of: UInt8(ascii: ":"), in: line, from: 0) ?? line.count
        guard UnsafeRawBufferPointer(rebasing: line[..<colon]).equals("data") else { return }
        var start = min(colon + 1, line.count)
        if start < line.count && line[start] == UInt8(ascii: " ") { start += 1 }
        let value = UnsafeRawBufferPointer(rebasing: line[start...])
        guard hasData else {
            guard value.count <= Self.maximumEventLength else { throw .eventTooLong(bytes: value.count) }
            single = value
            hasData = true
            return
        }
        if let earlier = single {
            single = nil
            data.clear()
            data.writeBytes(earlier)
        }
        guard data.readableBytes + 1 + value.count <= Self.maximumEventLength else {
            throw .eventTooLong(bytes: data.readableBytes + 1 + value.count)
        }
        data.writeInteger(UInt8(ascii: "\n"))
        data.writeBytes(value)
    }

    private mutating func dispatch(
        _ single: inout UnsafeRawBufferPointer?,
        _ body: (UnsafeRawBufferPointer) throws(ResponseDecodingError) -> Void
    ) throws(ResponseDecodingError) {
        guard let line = single else { return try dispatchData(body) }
        single = nil
        hasData = false
        try body(line)
    }

    /// Hands over the data gathered in ``data``, if an event has any.
    private mutating func dispatchData(_ body: (UnsafeRawBufferPointer) throws(ResponseDecodingError) -> Void)
        throws(ResponseDecodingError)
    {
        guard hasData else { return }
        hasData = false
        defer { data.clear() }
        let result = data.withUnsafeReadableBytes { bytes in
            Result { () throws(ResponseDecodingError) in try body(bytes) }
        }
        try result.get()
    }
}
