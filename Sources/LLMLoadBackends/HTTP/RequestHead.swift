import NIOCore

/// The head of one HTTP/1.1 `POST` with a JSON body, written as the bytes that go on the wire.
///
/// llmload writes its requests itself instead of through NIO's `HTTPRequestEncoder` and its
/// header validator: those took 4 % of the client's CPU at 2,000 req/s (docs/performance.md),
/// and each request crossed them three times (head, body, end). What the validator checked is
/// checked here, on the only fields a caller chooses, before anything is sent.
enum RequestHead {
    /// A header a caller asked for that HTTP cannot carry: a name that is not a token, or a value
    /// with a line break or another control character (RFC 9110, section 5).
    struct InvalidHeader: Error, CustomStringConvertible {
        let name: String
        var description: String { "the header \"\(name)\" has a character HTTP does not allow in its name or value" }
    }

    /// The head: request line, `Host`, `Content-Type`, `Accept`, `Content-Length` and `headers`,
    /// then the blank line. The target is `pathPrefix` then `path` (two parts, not one string
    /// made for each request); it and `host` come from an ``Endpoint``, which has checked them.
    static func encode(
        pathPrefix: String, path: String, host: String, contentLength: Int, headers: [(String, String)]
    ) throws(InvalidHeader) -> ByteBuffer {
        // 96: the fixed text (89 bytes) and the length's digits.
        var size = 96 + pathPrefix.utf8.count + path.utf8.count + host.utf8.count
        for (name, value) in headers { size += name.utf8.count + value.utf8.count + 4 }
        var buffer = ByteBuffer()
        buffer.reserveCapacity(size)
        buffer.writeStaticString("POST ")
        buffer.writeString(pathPrefix)
        buffer.writeString(path)
        buffer.writeStaticString(" HTTP/1.1\r\nHost: ")
        buffer.writeString(host)
        buffer.writeStaticString("\r\nContent-Type: application/json\r\nAccept: */*\r\nContent-Length: ")
        buffer.writeString(String(contentLength))
        buffer.writeStaticString("\r\n")
        for (name, value) in headers {
            guard HTTPSyntax.isToken(name.utf8), value.utf8.allSatisfy(HTTPSyntax.isFieldValueByte) else {
                throw InvalidHeader(name: name)
            }
            buffer.writeString(name)
            buffer.writeStaticString(": ")
            buffer.writeString(value)
            buffer.writeStaticString("\r\n")
        }
        buffer.writeStaticString("\r\n")
        return buffer
    }
}
