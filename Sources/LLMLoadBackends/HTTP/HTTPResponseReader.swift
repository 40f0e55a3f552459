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
        case head(Head)
        case fixed(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        /// The line end after a chunk's data; its `\r` seen already, or not.
        case chunkEnd(sawCR: Bool)
        case trailers(bytes: Int)
        /// A body without a length, ended by the connection's close.
        case untilClose
    }

    /// What a head said so far.
    private struct Head {
        var bytes = 0
        var status: Int?
        var isHTTP10 = false
        var contentLength: Int?
        /// Whether the last `Transfer-Encoding` ends in `chunked`; `nil` without one.
        var endsChunked: Bool?
        var close = false
        var keepAlive = false
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
        if case .idle = state { state = .head(Head()) }
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
                if let part = try read(headLine: line, into: &head) { return part }
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
        state = outstanding > 0 ? .head(Head()) : .idle
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

    /// Reads one line of a head; the head's part once its blank line ends it.
    private mutating func read(headLine line: ByteBuffer, into head: inout Head) throws(Malformed) -> Part? {
        let bytes = line.readableBytesView
        guard head.status != nil else {
            // RFC 9112, section 2.2: blank lines before the status line may be passed over.
            if !bytes.isEmpty { (head.status, head.isHTTP10) = try Self.statusLine(bytes) }
            state = .head(head)
            return nil
        }
        guard bytes.isEmpty else {
            try Self.header(bytes, into: &head)
            state = .head(head)
            return nil
        }
        return try headEnded(head)
    }

    /// `HTTP/1.x NNN reason`: the status, and whether the version is 1.0.
    private static func statusLine(_ line: ByteBufferView) throws(Malformed) -> (Int, Bool) {
        let byte = { (offset: Int) in line[line.startIndex + offset] }
        let isDigit = { (offset: Int) in (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte(offset)) }
        guard line.count >= 12, line.starts(with: "HTTP/1.".utf8),
            byte(7) == UInt8(ascii: "0") || byte(7) == UInt8(ascii: "1"), byte(8) == UInt8(ascii: " "),
            byte(9) != UInt8(ascii: "0"), isDigit(9), isDigit(10), isDigit(11),
            line.count == 12 || byte(12) == UInt8(ascii: " ")
        else { throw Malformed(reason: "not an HTTP/1.1 status line: \(quoted(line))") }
        let status = (9...11).reduce(0) { $0 * 10 + Int(byte($1) - UInt8(ascii: "0")) }
        return (status, byte(7) == UInt8(ascii: "0"))
    }

    /// One `name: value` line; only the headers that frame the body or the connection count.
    private static func header(_ line: ByteBufferView, into head: inout Head) throws(Malformed) {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
            throw Malformed(reason: "a header line without a colon: \(quoted(line))")
        }
        let name = line[..<colon]
        guard HTTPSyntax.isToken(name) else {
            // Obsolete line folding, or white space before the colon: RFC 9112 says to refuse.
            throw Malformed(reason: "a header name HTTP does not allow: \(quoted(name))")
        }
        let value = HTTPSyntax.trimmed(line[(colon + 1)...])
        guard value.allSatisfy(HTTPSyntax.isFieldValueByte) else {
            throw Malformed(reason: "a control character in the header \(quoted(name))")
        }
        if HTTPSyntax.equalsIgnoringCase(name, "content-length") {
            try HTTPSyntax.forEachItem(in: value) { item throws(Malformed) in
                guard let length = Self.decimal(item), head.contentLength == nil || head.contentLength == length else {
                    throw Malformed(reason: "an invalid or conflicting Content-Length: \(quoted(value))")
                }
                head.contentLength = length
            }
        } else if HTTPSyntax.equalsIgnoringCase(name, "transfer-encoding") {
            // The final coding decides (RFC 9112, section 6.3), also across several such lines.
            head.endsChunked = HTTPSyntax.equalsIgnoringCase(HTTPSyntax.lastItem(in: value), "chunked")
        } else if HTTPSyntax.equalsIgnoringCase(name, "connection") {
            HTTPSyntax.forEachItem(in: value) { token in
                if HTTPSyntax.equalsIgnoringCase(token, "close") { head.close = true }
                if HTTPSyntax.equalsIgnoringCase(token, "keep-alive") { head.keepAlive = true }
            }
        }
    }

    /// Up to 18 decimal digits, so that no length overflows; `nil` for anything else.
    private static func decimal(_ digits: ByteBufferView) -> Int? {
        guard !digits.isEmpty, digits.count <= 18 else { return nil }
        var value = 0
        for byte in digits {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    /// The first bytes of `bytes`, quoted, for an error message.
    private static func quoted(_ bytes: ByteBufferView) -> String {
        String(decoding: bytes.prefix(40), as: UTF8.self).debugDescription
    }

    /// The head is whole: how its body ends, and its part (none for an interim response).
    private mutating func headEnded(_ head: Head) throws(Malformed) -> Part? {
        let status = head.status ?? 0
        if status == 101 {
            throw Malformed(reason: "the server switched protocols (101), which llmload did not ask for")
        }
        if status < 200 {
            state = .head(Head())  // an interim response: the final one follows
            return nil
        }
        var keepAlive = head.isHTTP10 ? head.keepAlive : !head.close
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
