import NIOCore

/// Splits a byte stream into lines, however the bytes were cut into network chunks.
///
/// Synchronous and incremental (NIO `NIOSplitLinesMessageDecoder` style): nothing awaits per
/// chunk, and a line split across chunks — even inside a UTF-8 character — comes out whole.
/// Lines end at `\n`; a trailing `\r` is dropped; empty lines are skipped unless
/// ``keepsEmptyLines`` (Server-Sent Events end each event with one).
///
/// Each byte is searched for a newline once: the partial line kept between chunks is known to
/// hold none, so a line arriving in many chunks costs time in proportion to its length, not
/// to its length squared.
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
        _ body: (ByteBuffer) throws(ResponseDecodingError) -> Void
    ) throws(ResponseDecodingError) {
        var input: ByteBuffer
        var searchedBytes: Int
        if pending.readableBytes == 0 {
            input = buffer
            searchedBytes = 0
        } else {
            searchedBytes = pending.readableBytes
            // Reclaim what earlier lines used once that is at least as much as is kept, so the
            // storage stays proportional to the partial line at a linear total cost.
            if pending.readerIndex >= pending.readableBytes { pending.discardReadBytes() }
            pending.writeImmutableBuffer(buffer)
            input = pending
            pending = ByteBuffer()  // `input` holds the only reference: writes stay in place
        }
        while let newline = Self.firstNewline(in: input, after: searchedBytes) {
            let line = input.readSlice(length: newline)!
            input.moveReaderIndex(forwardBy: 1)
            searchedBytes = 0
            try emit(line, body)
        }
        guard input.readableBytes <= Self.maximumLineLength else {
            throw .lineTooLong(bytes: input.readableBytes)
        }
        pending = input.readableBytes == 0 ? ByteBuffer() : input
    }

    /// Ends the stream: a last line without a terminating newline is passed to `body`.
    public mutating func finish(_ body: (ByteBuffer) throws(ResponseDecodingError) -> Void)
        throws(ResponseDecodingError)
    {
        let rest = pending
        pending = ByteBuffer()
        if rest.readableBytes > 0 { try emit(rest, body) }
    }

    /// The offset of the first `\n` among `buffer`'s readable bytes, searching from `start`.
    private static func firstNewline(in buffer: ByteBuffer, after start: Int) -> Int? {
        buffer.withUnsafeReadableBytes { bytes in
            ByteScan.firstIndex(of: UInt8(ascii: "\n"), in: bytes, from: start)
        }
    }

    private func emit(
        _ line: ByteBuffer,
        _ body: (ByteBuffer) throws(ResponseDecodingError) -> Void
    ) throws(ResponseDecodingError) {
        var line = line
        if line.readableBytes > 0, line.getInteger(at: line.writerIndex - 1, as: UInt8.self) == UInt8(ascii: "\r") {
            line.moveWriterIndex(to: line.writerIndex - 1)
        }
        if line.readableBytes > 0 || keepsEmptyLines { try body(line) }
    }
}
