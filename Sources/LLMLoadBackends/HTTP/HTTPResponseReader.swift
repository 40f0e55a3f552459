import NIOCore

/// Reads HTTP/1.1 responses from a connection's bytes, part by part, for ``ConnectionHandler``.
///
/// llmload's own reader, in place of NIO's `HTTPResponseDecoder` (llhttp under a
/// `ByteToMessageHandler`): for 64-token streams at 2,000 req/s that decoder and its handler
/// took 8 % of the client's CPU, with five allocations for each response head (its strings and
/// storage) and a boxed part for each piece of body. This reader hands body bytes over as slices
/// of what the socket read, and takes from a head only what llmload uses: the status, whether the
/// connection stays open, and how the body ends (RFC 9112, section 6). It is tested against NIO's
/// decoder on generated responses cut at random places (`HTTPResponseReaderTests`).
///
/// A pull parser: ``next(from:)`` returns one part at a time, so its caller can act on a part
/// (end an exchange, start the next one on the same connection) between calls, never inside one.
package struct HTTPResponseReader {
    package enum Part: Equatable {
        /// A final response's head: its status, and whether the connection may carry another
        /// request after it. Interim (1xx) responses are read and passed over.
        case head(status: Int, keepAlive: Bool)
        /// Body bytes, a slice of the bytes read; for a chunked body, without its framing.
        case body(ByteBuffer)
        case end
    }

    /// Bytes that are no HTTP/1.1 response, or not one llmload can read.
    package struct Malformed: Error, CustomStringConvertible, Equatable {
        package let reason: String
        package var description: String { reason }
    }

    /// The most a head (status line and header lines) may take, as NIO's decoder allowed; the
    /// same bound holds for a chunk-size line and the trailers.
    static let maximumHeadBytes = 80 * 1024

    private enum State {
        /// No request waits for its response.
        case idle
        case head(HTTPResponseHead)
        case fixed(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        /// The line end after a chunk's data; its `\r` seen already, or not.
        case chunkEnd(sawCR: Bool)
        case trailers(bytes: Int)
        /// A body without a length, ended by the connection's close.
        case untilClose
    }

    private var state = State.idle
    /// Requests written whose responses have not ended.
    private var outstanding = 0
    /// The start of a line that has not ended yet (head, chunk size, trailers).
    private var pending = ByteBuffer()

    package init() {}

    /// A request was written: its response comes next.
    package mutating func expectResponse() {
        outstanding += 1
        if case .idle = state { state = .head(HTTPResponseHead()) }
    }

    /// The next part in `buffer`, whose bytes it consumes; `nil` once it needs more bytes.
    package mutating func next(from buffer: inout ByteBuffer) throws(Malformed) -> Part? {
        while true {
            switch state {
            case .idle:
                guard buffer.readableBytes == 0 else {
                    throw Malformed(reason: "bytes from the server with no request outstanding")
                }
                return nil
            case .head(var head):
                guard
                    let line = try takeLine(
                        from: &buffer, limit: Self.maximumHeadBytes - head.bytes, of: "response head")
                else {
                    return nil
                }
                head.bytes += line.readableBytes + 2
                if line.readableBytes == 0, head.status != nil {
                    // An interim response has no part: the final one's head follows.
                    if let part = try headEnded(head) { return part }
                    continue
                }
                try head.read(line.readableBytesView)
                state = .head(head)
            case .fixed(let remaining):
                if remaining == 0 {
                    responseEnded()
                    return .end
                }
                guard let bytes = body(from: &buffer, upTo: remaining) else { return nil }
                state = .fixed(remaining: remaining - bytes.readableBytes)
                return .body(bytes)
            case .chunkSize:
                guard let line = try takeLine(from: &buffer, limit: Self.maximumHeadBytes, of: "chunk-size line")
                else { return nil }
                let size = try Self.chunkSize(line)
                state = size == 0 ? .trailers(bytes: 0) : .chunkData(remaining: size)
            case .chunkData(let remaining):
                guard let bytes = body(from: &buffer, upTo: remaining) else { return nil }
                let left = remaining - bytes.readableBytes
                state = left == 0 ? .chunkEnd(sawCR: false) : .chunkData(remaining: left)
                return .body(bytes)
            case .chunkEnd(let sawCR):
                guard let byte = buffer.readInteger(as: UInt8.self) else { return nil }
                if !sawCR && byte == UInt8(ascii: "\r") {
                    state = .chunkEnd(sawCR: true)
                    continue
                }
                guard byte == UInt8(ascii: "\n") else { throw Malformed(reason: "chunk data longer than its size") }
                state = .chunkSize
            case .trailers(let bytes):
                guard
                    let line = try takeLine(from: &buffer, limit: Self.maximumHeadBytes - bytes, of: "trailer section")
                else {
                    return nil
                }
                guard line.readableBytes == 0 else {
                    state = .trailers(bytes: bytes + line.readableBytes + 2)
                    continue
                }
                responseEnded()
                return .end
            case .untilClose:
                guard let bytes = body(from: &buffer, upTo: .max) else { return nil }
                return .body(bytes)
            }
        }
    }

    /// The connection closed: the end of a body that runs until then. Any other response cut
    /// short is the caller's to fail (the connection closed mid-response).
    package mutating func endOfInput() -> Part? {
        guard case .untilClose = state else { return nil }
        responseEnded()
        return .end
    }

    private mutating func responseEnded() {
        outstanding -= 1
        state = outstanding > 0 ? .head(HTTPResponseHead()) : .idle
    }

    /// Up to `limit` bytes of body from `buffer`, as a slice; `nil` when it is empty.
    private func body(from buffer: inout ByteBuffer, upTo limit: Int) -> ByteBuffer? {
        guard buffer.readableBytes > 0 else { return nil }
        return buffer.readSlice(length: min(limit, buffer.readableBytes))
    }

    /// The next whole line, without its line end (`\n`, after an optional `\r`), or `nil` if the
    /// line goes on past `buffer` (kept in `pending`). A line longer than `limit` bytes (its `\r`
    /// aside) fails as too long a `part`, wherever the reads cut it.
    private mutating func takeLine(
        from buffer: inout ByteBuffer, limit: Int, of part: String
    ) throws(Malformed) -> ByteBuffer? {
        let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n"))
        let length = newline.map { $0 - buffer.readerIndex } ?? buffer.readableBytes
        guard pending.readableBytes + length <= limit + 1 else {
            throw Malformed(reason: "\(part) longer than \(Self.maximumHeadBytes / 1024) KB")
        }
        guard newline != nil else {
            pending.writeBuffer(&buffer)
            return nil
        }
        var line = buffer.readSlice(length: length)!
        buffer.moveReaderIndex(forwardBy: 1)
        if pending.readableBytes > 0 {
            pending.writeBuffer(&line)
            line = pending
            pending = ByteBuffer()
        }
        if line.readableBytesView.last == UInt8(ascii: "\r") { line.moveWriterIndex(to: line.writerIndex - 1) }
        guard !line.readableBytesView.contains(UInt8(ascii: "\r")) else {
            throw Malformed(reason: "a line end that is a lone carriage return")
        }
        return line
    }

    /// The head is whole: how its body ends, and its part (none for an interim response).
    private mutating func headEnded(_ head: HTTPResponseHead) throws(Malformed) -> Part? {
        let status = head.status ?? 0
        if status == 101 {
            throw Malformed(reason: "the server switched protocols (101), which llmload did not ask for")
        }
        if status < 200 {
            state = .head(HTTPResponseHead())  // an interim response: the final one follows
            return nil
        }
        var keepAlive = head.asksToKeepAlive
        if status == 204 || status == 304 {
            state = .fixed(remaining: 0)
        } else if let endsChunked = head.endsChunked {
            state = endsChunked ? .chunkSize : .untilClose
        } else if let length = head.contentLength {
            state = .fixed(remaining: length)
        } else {
            state = .untilClose
        }
        if case .untilClose = state { keepAlive = false }
        return .head(status: status, keepAlive: keepAlive)
    }

    /// A chunk-size line: hexadecimal digits, then optional white space and extensions.
    private static func chunkSize(_ line: ByteBuffer) throws(Malformed) -> Int {
        var size = 0
        var digits = 0
        for byte in line.readableBytesView {
            let value: Int
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = Int(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = Int(byte - UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): value = Int(byte - UInt8(ascii: "A")) + 10
            case UInt8(ascii: ";"), UInt8(ascii: " "), UInt8(ascii: "\t"):
                guard digits > 0 else { throw Malformed(reason: "a chunk size without digits") }
                return size
            default:
                throw Malformed(reason: "an invalid chunk size")
            }
            digits += 1
            guard digits <= 15 else { throw Malformed(reason: "a chunk size past 2^60 bytes") }
            size = size * 16 + value
        }
        guard digits > 0 else { throw Malformed(reason: "a chunk size without digits") }
        return size
    }
}
