import NIOCore

/// What a response head says, read line by line for ``HTTPResponseReader``: only what llmload
/// uses, the status, whether the connection stays open, and how the body is framed.
struct HTTPResponseHead {
    /// The head's bytes so far, for its bound (``HTTPResponseReader/maximumHeadBytes``).
    var bytes = 0
    var status: Int?
    var isHTTP10 = false
    var contentLength: Int?
    /// Whether the last `Transfer-Encoding` ends in `chunked`; `nil` without one.
    var endsChunked: Bool?
    var close = false
    var keepAlive = false

    /// Whether the response leaves the connection open, as far as its version and `Connection`
    /// say (a body that ends at the close closes it anyway).
    var asksToKeepAlive: Bool { isHTTP10 ? keepAlive : !close }

    /// Reads one line before the head's blank line: the status line, then headers. Blank lines
    /// before the status line are passed over (RFC 9112, section 2.2).
    mutating func read(_ line: ByteBufferView) throws(HTTPResponseReader.Malformed) {
        if status != nil {
            try header(line)
        } else if !line.isEmpty {
            (status, isHTTP10) = try Self.statusLine(line)
        }
    }

    /// `HTTP/1.x NNN reason`: the status, and whether the version is 1.0.
    private static func statusLine(_ line: ByteBufferView) throws(HTTPResponseReader.Malformed) -> (Int, Bool) {
        let byte = { (offset: Int) in line[line.startIndex + offset] }
        let isDigit = { (offset: Int) in (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte(offset)) }
        guard line.count >= 12, line.starts(with: "HTTP/1.".utf8),
            byte(7) == UInt8(ascii: "0") || byte(7) == UInt8(ascii: "1"), byte(8) == UInt8(ascii: " "),
            byte(9) != UInt8(ascii: "0"), isDigit(9), isDigit(10), isDigit(11),
            line.count == 12 || byte(12) == UInt8(ascii: " ")
        else { throw HTTPResponseReader.Malformed(reason: "not an HTTP/1.1 status line: \(Self.quoted(line))") }
        let status = (9...11).reduce(0) { $0 * 10 + Int(byte($1) - UInt8(ascii: "0")) }
        return (status, byte(7) == UInt8(ascii: "0"))
    }

    /// One `name: value` line; only the headers that frame the body or the connection count.
    private mutating func header(_ line: ByteBufferView) throws(HTTPResponseReader.Malformed) {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
            throw HTTPResponseReader.Malformed(reason: "a header line without a colon: \(Self.quoted(line))")
        }
        let name = line[..<colon]
        guard HTTPSyntax.isToken(name) else {
            // Obsolete line folding, or white space before the colon: RFC 9112 says to refuse.
            throw HTTPResponseReader.Malformed(reason: "a header name HTTP does not allow: \(Self.quoted(name))")
        }
        let value = HTTPSyntax.trimmed(line[(colon + 1)...])
        guard value.allSatisfy(HTTPSyntax.isFieldValueByte) else {
            throw HTTPResponseReader.Malformed(reason: "a control character in the header \(Self.quoted(name))")
        }
        if HTTPSyntax.equalsIgnoringCase(name, "content-length") {
            try HTTPSyntax.forEachItem(in: value) { item throws(HTTPResponseReader.Malformed) in
                guard let length = Self.decimal(item), contentLength == nil || contentLength == length else {
                    throw HTTPResponseReader.Malformed(
                        reason: "an invalid or conflicting Content-Length: \(Self.quoted(value))")
                }
                contentLength = length
            }
        } else if HTTPSyntax.equalsIgnoringCase(name, "transfer-encoding") {
            // The final coding decides (RFC 9112, section 6.3), also across several such lines.
            endsChunked = HTTPSyntax.equalsIgnoringCase(HTTPSyntax.lastItem(in: value), "chunked")
        } else if HTTPSyntax.equalsIgnoringCase(name, "connection") {
            HTTPSyntax.forEachItem(in: value) { token in
                if HTTPSyntax.equalsIgnoringCase(token, "close") { close = true }
                if HTTPSyntax.equalsIgnoringCase(token, "keep-alive") { keepAlive = true }
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
}
