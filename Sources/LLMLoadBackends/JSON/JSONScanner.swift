#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The fast chunk readers met something they do not handle with certainty; the caller decodes
/// the same bytes with `JSONDecoder` instead, so the answer is always `JSONDecoder`'s.
package struct JSONFallback: Error {}

/// A forward-only cursor over the bytes of one JSON document, for the few shapes the chunk
/// readers pull values out of.
///
/// It accepts strict RFC 8259 JSON only, and gives up (``JSONFallback``) on anything that
/// `JSONDecoder` might treat differently: invalid UTF-8 anywhere, lone surrogates, control
/// characters in strings, keys written with escapes, nesting deeper than ``maximumDepth``, numbers
/// that are not exact integers where an integer is asked for. Skipped values are validated as
/// strictly as read ones: a document the scanner accepts is one `JSONDecoder` accepts too.
///
/// - Important: `bytes` must outlive the scanner; use it inside `withUnsafeReadableBytes` only.
struct JSONScanner {
    /// Deeper documents are left to `JSONDecoder` (its own limit is 512).
    static let maximumDepth = 64

    // Not private, for the scanner's extensions (`JSONScanner+Numbers`); the readers use the
    // methods only.
    let bytes: UnsafeRawBufferPointer
    var index = 0
    private var depth = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// A scanner that starts at `index`, at the top level.
    init(_ bytes: UnsafeRawBufferPointer, at index: Int) {
        self.bytes = bytes
        self.index = index
    }

    // MARK: Structure

    /// Whether only whitespace is left.
    mutating func isAtEnd() -> Bool {
        skipWhitespace()
        return index == bytes.count
    }

    /// Consumes `{`, or gives up.
    @inline(__always)
    mutating func beginObject() throws(JSONFallback) {
        try expect(UInt8(ascii: "{"))
        try enter()
    }

    /// Consumes `[`, or gives up.
    @inline(__always)
    mutating func beginArray() throws(JSONFallback) {
        try expect(UInt8(ascii: "["))
        try enter()
    }

    /// The raw bytes of the next member's key with its `:` consumed, or `nil` when the object
    /// closes. `isFirst` starts `true` for each object.
    @inline(__always)
    mutating func nextKey(_ isFirst: inout Bool) throws(JSONFallback) -> UnsafeRawBufferPointer? {
        guard try nextMember(&isFirst) else { return nil }
        return try key()
    }

    /// Whether another member follows, with its leading `,` and the whitespace before its key
    /// consumed; `false` once the object closes. `isFirst` starts `true` for each object.
    @inline(__always)
    mutating func nextMember(_ isFirst: inout Bool) throws(JSONFallback) -> Bool {
        skipWhitespace()
        guard index < bytes.count else { throw JSONFallback() }
        if bytes[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return false
        }
        if !isFirst {
            guard bytes[index] == UInt8(ascii: ",") else { throw JSONFallback() }
            index += 1
            skipWhitespace()
        }
        isFirst = false
        return true
    }

    /// The raw bytes of a member's key, whitespace before it already skipped, with its `:`
    /// consumed.
    @inline(__always)
    mutating func key() throws(JSONFallback) -> UnsafeRawBufferPointer {
        let key = try stringBytes(atWhitespaceSkipped: true)
        // `JSONDecoder` matches keys after unescaping them; the readers compare raw bytes.
        guard !key.hasEscapes else { throw JSONFallback() }
        try expect(UInt8(ascii: ":"))
        return key.bytes
    }

    /// Where the scanner is: an offset into its bytes.
    var position: Int { index }

    /// The bytes from `start` (an earlier ``position``) to the current position.
    func bytes(from start: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[start..<index])
    }

    /// Consumes `member` if the next bytes are exactly its bytes and a value's end follows them
    /// (`,`, `}` or whitespace: a number's digits could otherwise go on). `member` is a
    /// `"key":value` this scanner's kind of reader skipped before, so the same bytes here are the
    /// same valid member, skipped the same way.
    @inline(__always)
    mutating func skip(repeating member: UnsafeRawBufferPointer) -> Bool {
        let end = index + member.count
        guard end < bytes.count, let base = bytes.baseAddress, let memberBase = member.baseAddress,
            memcmp(base + index, memberBase, member.count) == 0
        else { return false }
        switch bytes[end] {
        case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"),
            UInt8(ascii: "\t"):
            index = end
            return true
        default:
            return false
        }
    }

    /// Whether another array element follows (its leading `,` consumed); `false` once the array
    /// closes. `isFirst` starts `true` for each array.
    @inline(__always)
    mutating func hasNextElement(_ isFirst: inout Bool) throws(JSONFallback) -> Bool {
        skipWhitespace()
        guard index < bytes.count else { throw JSONFallback() }
        if bytes[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return false
        }
        if !isFirst { try expect(UInt8(ascii: ",")) }
        isFirst = false
        return true
    }

    /// The next value's first byte, without consuming it.
    @inline(__always)
    mutating func peek() throws(JSONFallback) -> UInt8 {
        skipWhitespace()
        guard index < bytes.count else { throw JSONFallback() }
        return bytes[index]
    }

    /// Consumes a `null` literal if one comes next.
    @inline(__always)
    mutating func skipNull() throws(JSONFallback) -> Bool {
        guard try peek() == UInt8(ascii: "n") else { return false }
        try literal("null")
        return true
    }

    // MARK: Values

    /// A string, or `nil` for `null`; any other value gives up.
    @inline(__always)
    mutating func stringOrNull() throws(JSONFallback) -> String? {
        if try skipNull() { return nil }
        return try string()
    }

    /// ``stringOrNull()``, and where a string's bytes lie, both quotes included.
    @inline(__always)
    mutating func stringOrNull(span: inout Range<Int>?) throws(JSONFallback) -> String? {
        if try skipNull() { return nil }
        let start = index  // `skipNull` skipped the whitespace before the value
        let value = try string()
        span = start..<index
        return value
    }

    /// `true`, `false`, or `nil` for `null`; any other value gives up.
    mutating func boolOrNull() throws(JSONFallback) -> Bool? {
        switch try peek() {
        case UInt8(ascii: "t"):
            try literal("true")
            return true
        case UInt8(ascii: "f"):
            try literal("false")
            return false
        default:
            guard try skipNull() else { throw JSONFallback() }
            return nil
        }
    }

    /// Consumes any value, checking it as strictly as if it were read.
    mutating func skipValue() throws(JSONFallback) {
        switch try peek() {
        case UInt8(ascii: "\""):
            _ = try stringBytes()
        case UInt8(ascii: "{"):
            try beginObject()
            var isFirst = true
            while try nextKey(&isFirst) != nil { try skipValue() }
        case UInt8(ascii: "["):
            try beginArray()
            var isFirst = true
            while try hasNextElement(&isFirst) { try skipValue() }
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default: try number()
        }
    }

    // MARK: Tokens

    @inline(__always)
    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): index += 1
            default: return
            }
        }
    }

    @inline(__always)
    private mutating func expect(_ byte: UInt8) throws(JSONFallback) {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == byte else { throw JSONFallback() }
        index += 1
    }

    @inline(__always)
    private mutating func enter() throws(JSONFallback) {
        depth += 1
        guard depth <= Self.maximumDepth else { throw JSONFallback() }
    }

    private mutating func literal(_ word: StaticString) throws(JSONFallback) {
        let count = word.utf8CodeUnitCount
        guard bytes.count - index >= count else { throw JSONFallback() }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] {
            throw JSONFallback()
        }
        index += count
    }

    /// A string's decoded value.
    @inline(__always)
    mutating func string() throws(JSONFallback) -> String {
        let raw = try stringBytes()
        return raw.hasEscapes ? try JSONString.unescape(raw.bytes) : String(decoding: raw.bytes, as: UTF8.self)
    }

    /// The raw bytes between a string's quotes, checked (valid UTF-8, no control characters,
    /// well-formed escapes with paired surrogates) but not unescaped. Inlined into its few
    /// callers: it runs for every key and string of a chunk.
    @inline(__always)
    private mutating func stringBytes(atWhitespaceSkipped: Bool = false) throws(JSONFallback) -> (
        bytes: UnsafeRawBufferPointer, hasEscapes: Bool
    ) {
        if !atWhitespaceSkipped { skipWhitespace() }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw JSONFallback() }
        index += 1
        let start = index
        var isASCII = true
        var hasEscapes = false
        while true {
            let run = ByteScan.stringRun(in: bytes, from: index)
            if run.hasNonASCII { isASCII = false }
            index = run.end
            guard index < bytes.count else { throw JSONFallback() }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { break }
            guard byte == UInt8(ascii: "\\") else { throw JSONFallback() }  // a control character
            hasEscapes = true
            index += 2  // the escape's letter is checked by `JSONString.validateEscapes`
        }
        let raw = UnsafeRawBufferPointer(rebasing: bytes[start..<index])
        index += 1
        if !isASCII { try JSONString.validateUTF8(raw) }
        if hasEscapes { try JSONString.validateEscapes(raw) }
        return (raw, hasEscapes)
    }
}
