extension JSONScanner {
    // MARK: Numbers

    /// An integer written without fraction or exponent that fits `Int`, or `nil` for `null`.
    /// Anything else (`1.0`, `1e3`, `-0`, out of range, not a number) gives up.
    mutating func integerOrNull() throws(JSONFallback) -> Int? {
        if try skipNull() { return nil }
        let start = index
        try number()
        var position = start
        let isNegative = bytes[position] == UInt8(ascii: "-")
        if isNegative { position += 1 }
        // 18 digits never overflow; 19 might; 20 always do.
        let digitCount = index - position
        guard digitCount <= 19 else { throw JSONFallback() }
        var value = 0
        while position < index {
            let digit = bytes[position] &- UInt8(ascii: "0")
            guard digit <= 9 else { throw JSONFallback() }  // a fraction or exponent
            let (shifted, overflowed) = value.multipliedReportingOverflow(by: 10)
            let (next, overflowedAgain) = shifted.addingReportingOverflow(isNegative ? -Int(digit) : Int(digit))
            guard !overflowed && !overflowedAgain else { throw JSONFallback() }
            value = next
            position += 1
        }
        guard !(isNegative && value == 0) else { throw JSONFallback() }
        return value
    }

    /// A number without exponent and of ordinary length, or `nil` for `null`. Conversion is the
    /// standard library's correctly rounded one, as `JSONDecoder`'s is.
    mutating func doubleOrNull() throws(JSONFallback) -> Double? {
        if try skipNull() { return nil }
        let start = index
        try number()
        let text = UnsafeRawBufferPointer(rebasing: bytes[start..<index])
        guard text.count <= 40, !text.contains(UInt8(ascii: "e")), !text.contains(UInt8(ascii: "E")) else {
            throw JSONFallback()
        }
        guard let value = Double(String(decoding: text, as: UTF8.self)), value.isFinite else {
            throw JSONFallback()
        }
        return value
    }

    /// Consumes a number of RFC 8259 form: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    mutating func number() throws(JSONFallback) {
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count else { throw JSONFallback() }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            try digits()
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            try digits()
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            try digits()
        }
    }

    /// One or more decimal digits.
    @inline(__always)
    private mutating func digits() throws(JSONFallback) {
        let start = index
        while index < bytes.count, bytes[index] &- UInt8(ascii: "0") <= 9 { index += 1 }
        guard index > start else { throw JSONFallback() }
    }
}
