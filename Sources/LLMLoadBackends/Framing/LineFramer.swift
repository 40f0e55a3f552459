import NIOCore

/// Splits a byte stream into lines, however the bytes were cut into network chunks.
///
/// Synchronous and incremental (NIO `NIOSplitLinesMessageDecoder` style): nothing awaits per
/// chunk, and a line split across chunks — even inside a UTF-8 character — comes out whole.
/// Lines end at `\n`; a trailing `\r` is dropped; empty lines are skipped unless
/// ``keepsEmptyLines`` (Server-Sent Events end each event with one).
public struct LineFramer: Sendable {
    /// A longer line is treated as a malformed stream rather than buffered without bound.
    public static let maximumLineLength = 16 * 1024 * 1024

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
        if pending.readableBytes == 0 {
            input = buffer
        } else {
            pending.writeImmutableBuffer(buffer)
            input = pending
        }
        while let newline = input.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
            let line = input.readSlice(length: newline - input.readerIndex)!
            input.moveReaderIndex(forwardBy: 1)
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

    private func emit(
        _ line: ByteBuffer,
        _ body: (ByteBuffer) throws(ResponseDecodingError) -> Void
    ) throws(ResponseDecodingError) {
        var line = line
        if line.readableBytesView.last == UInt8(ascii: "\r") {
            line.moveWriterIndex(to: line.writerIndex - 1)
        }
        if line.readableBytes > 0 || keepsEmptyLines { try body(line) }
    }
}
