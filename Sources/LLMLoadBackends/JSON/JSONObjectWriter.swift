import NIOCore

/// Writes one JSON object straight into a `ByteBuffer`: a request body is made for every
/// request, and `JSONEncoder`'s generic containers cost more than the rest of sending it.
///
/// Optional values that are `nil` are left out, as `JSONEncoder` leaves them out. Strings are
/// escaped as RFC 8259 requires (quote, backslash, control characters); the rest of their
/// UTF-8 is written as it is.
struct JSONObjectWriter {
    private(set) var buffer: ByteBuffer
    private var needsComma = false

    init(capacity: Int = 512) {
        buffer = ByteBufferAllocator().buffer(capacity: capacity)
        buffer.writeInteger(UInt8(ascii: "{"))
    }

    /// The object, closed. Mutating, not consuming: a consumed writer's buffer was still held by
    /// the caller's variable when the brace was written, and the whole body was copied for it.
    mutating func finish() -> ByteBuffer {
        buffer.writeInteger(UInt8(ascii: "}"))
        return buffer
    }

    mutating func field(_ key: StaticString, _ value: String?) {
        guard let value else { return }
        self.key(key)
        Self.writeString(value, to: &buffer)
    }

    mutating func field(_ key: StaticString, _ value: Int?) {
        guard let value else { return }
        self.key(key)
        buffer.writeString(String(value))
    }

    mutating func field(_ key: StaticString, _ value: Bool?) {
        guard let value else { return }
        self.key(key)
        buffer.writeStaticString(value ? "true" : "false")
    }

    /// - Throws: ``JSONBodyError`` for a value JSON cannot hold (NaN, infinity).
    mutating func field(_ key: StaticString, _ value: Double?) throws(JSONBodyError) {
        guard let value else { return }
        guard value.isFinite else { throw JSONBodyError(key: "\(key)", value: value) }
        self.key(key)
        // Swift's shortest round-trip form: `0.7`, `1.0`, `1e-05`, each valid JSON.
        buffer.writeString(value.description)
    }

    mutating func field(_ key: StaticString, _ values: [String]?) {
        guard let values else { return }
        self.key(key)
        buffer.writeInteger(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { buffer.writeInteger(UInt8(ascii: ",")) }
            Self.writeString(value, to: &buffer)
        }
        buffer.writeInteger(UInt8(ascii: "]"))
    }

    /// A nested object, written by `body`.
    mutating func object<E: Error>(_ key: StaticString, _ body: (inout JSONObjectWriter) throws(E) -> Void) throws(E) {
        self.key(key)
        try nested(body)
    }

    /// An array of objects, one per element, each written by `body`.
    mutating func objects<Element>(
        _ key: StaticString, _ elements: [Element]?, _ body: (inout JSONObjectWriter, Element) -> Void
    ) {
        guard let elements else { return }
        self.key(key)
        buffer.writeInteger(UInt8(ascii: "["))
        for (index, element) in elements.enumerated() {
            if index > 0 { buffer.writeInteger(UInt8(ascii: ",")) }
            nested { body(&$0, element) }
        }
        buffer.writeInteger(UInt8(ascii: "]"))
    }

    /// Writes an object with `body` where the writer stands: `body` writes with this writer,
    /// whose comma state is the inner object's until it closes, so the buffer is never shared.
    private mutating func nested<E: Error>(_ body: (inout JSONObjectWriter) throws(E) -> Void) throws(E) {
        let outerNeedsComma = needsComma
        buffer.writeInteger(UInt8(ascii: "{"))
        needsComma = false
        defer {
            buffer.writeInteger(UInt8(ascii: "}"))
            needsComma = outerNeedsComma
        }
        try body(&self)
    }

    private mutating func key(_ key: StaticString) {
        if needsComma { buffer.writeInteger(UInt8(ascii: ",")) }
        needsComma = true
        buffer.writeInteger(UInt8(ascii: "\""))
        buffer.writeStaticString(key)
        buffer.writeStaticString("\":")
    }

    /// Writes `value` as a JSON string: runs that need no escape are copied whole.
    static func writeString(_ value: String, to buffer: inout ByteBuffer) {
        buffer.writeInteger(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { bytes in
            var runStart = 0
            for index in bytes.indices {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                buffer.writeBytes(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[runStart..<index])))
                runStart = index + 1
                switch byte {
                case UInt8(ascii: "\""): buffer.writeStaticString("\\\"")
                case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
                case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
                case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
                case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
                default:
                    let hex: StaticString = "0123456789abcdef"
                    buffer.writeStaticString("\\u00")
                    buffer.writeInteger(hex.utf8Start[Int(byte >> 4)])
                    buffer.writeInteger(hex.utf8Start[Int(byte & 0xF)])
                }
            }
            buffer.writeBytes(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[runStart...])))
        }
        buffer.writeInteger(UInt8(ascii: "\""))
    }
}

/// A request value JSON cannot carry.
struct JSONBodyError: Error, CustomStringConvertible {
    var key: String
    var value: Double
    var description: String { "\(key) = \(value) cannot be written as JSON" }
}
