import NIOCore

/// The bytes HTTP allows where, for the requests llmload writes (``RequestHead``) and the
/// responses it reads (``HTTPResponseReader``): RFC 9110, section 5, on bytes, not strings.
enum HTTPSyntax {
    /// A byte of a `token`: the visible ASCII characters other than delimiters.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
            UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    /// A byte of a `field-value`: visible characters, space, tab and bytes past ASCII; no other
    /// control character, so no line end.
    static func isFieldValueByte(_ byte: UInt8) -> Bool {
        byte >= 0x20 ? byte != 0x7F : byte == UInt8(ascii: "\t")
    }

    static func isToken<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
        !bytes.isEmpty && bytes.allSatisfy(isTokenByte)
    }

    /// `bytes` without the spaces and tabs around it.
    static func trimmed(_ bytes: ByteBufferView) -> ByteBufferView {
        let isSpace = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }) else { return bytes[bytes.endIndex...] }
        return bytes[first...bytes.lastIndex(where: { !isSpace($0) })!]
    }

    /// Whether `bytes` spell `lowercase` in any case (`lowercase` is ASCII, in lower case).
    static func equalsIgnoringCase(_ bytes: ByteBufferView, _ lowercase: StaticString) -> Bool {
        guard bytes.count == lowercase.utf8CodeUnitCount else { return false }
        return lowercase.withUTF8Buffer { expected in
            zip(bytes, expected).allSatisfy { byte, lower in
                (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 == lower : byte == lower
            }
        }
    }

    /// Calls `body` with each comma-separated item of a list value, trimmed; empty ones too.
    static func forEachItem<Failure: Error>(
        in value: ByteBufferView, _ body: (ByteBufferView) throws(Failure) -> Void
    ) throws(Failure) {
        var start = value.startIndex
        while true {
            let end = value[start...].firstIndex(of: UInt8(ascii: ",")) ?? value.endIndex
            try body(trimmed(value[start..<end]))
            guard end < value.endIndex else { return }
            start = end + 1
        }
    }

    /// The last comma-separated item of a list value, trimmed.
    static func lastItem(in value: ByteBufferView) -> ByteBufferView {
        let start = value.lastIndex(of: UInt8(ascii: ",")).map { $0 + 1 } ?? value.startIndex
        return trimmed(value[start...])
    }
}
