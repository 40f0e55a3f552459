import NIOCore

/// Splits a byte stream into lines, however the bytes were cut into network chunks.
///
/// Synchronous and incremental (NIO `NIOSplitLinesMessageDecoder` style): nothing awaits per
/// chunk, and a line split across chunks — even inside a UTF-8 character — comes out whole.
/// Lines end at `\n`; a trailing `\r` is dropped; empty lines are skipped unless
/// ``keepsEmptyLines`` (Server-Sent Events end each event with one).
///
/// Lines are handed over as the bytes where they lie — in the network chunk, or in the
/// framer's own buffer for a line that spanned chunks — valid only during the call: no slice,
/// copy or reference count per line. Each byte is searched for a newline once: the partial line
/// kept between chunks is known to hold none, so a line arriving in many chunks costs time in
/// proportion to its length, not to its length squared.
public struct LineFramer: Sendable {
    /// A longer line is treated as a malformed stream rather than buffered without bound.
    public static let maximumLineLength = 16 * 1024 * 1024

    /// The unfinished last line: bytes already searched, without a newline.
    private var pending = ByteBuffer()
    /// Whether empty lines are passed on.
    public let keepsEmptyLines: Bool

    public init(keepsEmptyLines: Bool = false) {
        self.keepsEmptyLines = keepsEmptyLines
    }

    /// Adds `buffer` and calls `body` with each line it completes, in order.
    public mutating func append(
        _ buffer: ByteBuffer,
        _ body: (UnsafeRawBufferPointer) throws(ResponseDecodingError) -> Void
    ) throws(ResponseDecodingError) {
        try append(buffer, body, beforeReleasing: {})
    }

    /// ``append(_:_:)``, then `beforeReleasing` while the bytes of the lines are still valid:
    /// a caller that kept one of them copies it there.
    mutating func append(
        _ buffer: ByteBuffer,
        _ body: (UnsafeRawBufferPointer) throws(ResponseDecodingError) -> Void,
        beforeReleasing: () -> Void
    ) throws(ResponseDecodingError) {
        let keepsEmptyLines = keepsEmptyLines
        // The error leaves `withUnsafeReadableBytes` as a value, not through NIO's typed-throws
        // form of it: that form, and one shared helper for both paths, measured 3–5 % slower on
        // the NDJSON decoder (`llmload-bench --only ndjson`, 20–30 alternated runs each).
        if pending.readableBytes == 0 {
            let failure = buffer.withUnsafeReadableBytes { bytes -> ResponseDecodingError? in
                do throws(ResponseDecodingError) {
                    let end = try Self.split(bytes, searchingFrom: 0, keepsEmptyLines, body)
                    beforeReleasing()
                    try keep(UnsafeRawBufferPointer(rebasing: bytes[end...]))
                    return nil
                } catch {
                    return error
                }
            }
            if let failure { throw failure }
            return
        }
        let searched = pending.readableBytes
        // Reclaim what earlier lines used once that is at least as much as is kept, so the
        // storage stays proportional to the partial line at a linear total cost.
        if pending.readerIndex >= pending.readableBytes { pending.discardReadBytes() }
        pending.writeImmutableBuffer(buffer)
        let result = pending.withUnsafeReadableBytes { bytes -> Result<Int, ResponseDecodingError> in
            Result { () throws(ResponseDecodingError) in
                let end = try Self.split(bytes, searchingFrom: searched, keepsEmptyLines, body)
                beforeReleasing()
                return end
            }
        }
        pending.moveReaderIndex(forwardBy: try result.get())
        guard pending.readableBytes <= Self.maximumLineLength else {
            throw .lineTooLong(bytes: pending.readableBytes)
        }
        if pending.readableBytes == 0 { pending = ByteBuffer() }
    }

    /// Ends the stream: a last line without a terminating newline is passed to `body`.
    public mutating func finish(_ body: (UnsafeRawBufferPointer) throws(ResponseDecodingError) -> Void)
        throws(ResponseDecodingError)
    {
        let rest = pending
        pending = ByteBuffer()
        guard rest.readableBytes > 0 else { return }
        let keepsEmptyLines = keepsEmptyLines
        let result = rest.withUnsafeReadableBytes { bytes in
            Result { () throws(ResponseDecodingError) in try Self.emit(bytes, keepsEmptyLines, body) }
        }
        try result.get()
    }

    /// Calls `body` with each line of `bytes` ended by a newline, searching from `start` (the
    /// bytes before it hold none); returns where the unfinished rest begins.
    @inline(__always)
    private static func split(
        _ bytes: UnsafeRawBufferPointer,
        searchingFrom start: Int,
        _ keepsEmptyLines: Bool,
        _ body: (UnsafeRawBufferPointer) throws(ResponseDecodingError) -> Void
    ) throws(ResponseDecodingError) -> Int {
        var lineStart = 0
        var searchFrom = start
        while let newline = ByteScan.firstIndex(of: UInt8(ascii: "\n"), in: bytes, from: searchFrom) {
            try emit(UnsafeRawBufferPointer(rebasing: bytes[lineStart..<newline]), keepsEmptyLines, body)
            lineStart = newline + 1
            searchFrom = lineStart
        }
        return lineStart
    }

    /// Keeps the unfinished end of a chunk, which held no earlier partial line.
    private mutating func keep(_ rest: UnsafeRawBufferPointer) throws(ResponseDecodingError) {
        guard rest.count > 0 else { return }
        guard rest.count <= Self.maximumLineLength else { throw .lineTooLong(bytes: rest.count) }
        pending.writeBytes(rest)
    }

    @inline(__always)
    private static func emit(
        _ line: UnsafeRawBufferPointer,
        _ keepsEmptyLines: Bool,
        _ body: (UnsafeRawBufferPointer) throws(ResponseDecodingError) -> Void
    ) throws(ResponseDecodingError) {
        var line = line
        if line.count > 0, line[line.count - 1] == UInt8(ascii: "\r") {
            line = UnsafeRawBufferPointer(rebasing: line[..<(line.count - 1)])
        }
        if line.count > 0 || keepsEmptyLines { try body(line) }
    }
}
