/// The byte-level rules of JSON strings: UTF-8 validity and backslash escapes.
///
/// Anything `JSONDecoder` might read differently gives up with ``JSONFallback``: invalid or
/// overlong UTF-8, encoded surrogates, unknown escapes, and `\u` escapes that leave a surrogate
/// unpaired.
enum JSONString {
    /// Checks that `bytes` are well-formed UTF-8 (Unicode table 3-7: no overlong forms, no
    /// surrogates, nothing above U+10FFFF).
    static func validateUTF8(_ bytes: UnsafeRawBufferPointer) throws(JSONFallback) {
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED:
                length = 3
                high = 0x9F
            case 0xF0:
                length = 4
                low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                high = 0x8F
            default: throw JSONFallback()
            }
            guard bytes.count - index >= length, (low...high).contains(bytes[index + 1]) else { throw JSONFallback() }
            for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 { throw JSONFallback() }
            index += length
        }
    }

    /// Checks every escape in `bytes` (a string's raw contents, quotes excluded).
    static func validateEscapes(_ bytes: UnsafeRawBufferPointer) throws(JSONFallback) {
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "\\") else {
                index += 1
                continue
            }
            _ = try escape(bytes, at: &index)
        }
    }

    /// The string `bytes` (a string's raw contents, already checked) stand for.
    static func unescape(_ bytes: UnsafeRawBufferPointer) throws(JSONFallback) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "\\") else {
                output.append(bytes[index])
                index += 1
                continue
            }
            appendUTF8(of: try escape(bytes, at: &index), to: &output)
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The scalar of the escape at `index` (a backslash), moving `index` past it.
    private static func escape(_ bytes: UnsafeRawBufferPointer, at index: inout Int) throws(JSONFallback) -> UInt32 {
        guard index + 1 < bytes.count else { throw JSONFallback() }
        let letter = bytes[index + 1]
        index += 2
        switch letter {
        case UInt8(ascii: "\""): return 0x22
        case UInt8(ascii: "\\"): return 0x5C
        case UInt8(ascii: "/"): return 0x2F
        case UInt8(ascii: "b"): return 0x08
        case UInt8(ascii: "f"): return 0x0C
        case UInt8(ascii: "n"): return 0x0A
        case UInt8(ascii: "r"): return 0x0D
        case UInt8(ascii: "t"): return 0x09
        case UInt8(ascii: "u"): break
        default: throw JSONFallback()
        }
        let unit = try hex4(bytes, at: &index)
        switch unit {
        case 0xD800...0xDBFF:
            // A high surrogate counts only with a low one escaped right after it.
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
            else { throw JSONFallback() }
            index += 2
            let second = try hex4(bytes, at: &index)
            guard (0xDC00...0xDFFF).contains(second) else { throw JSONFallback() }
            return 0x10000 + ((unit - 0xD800) << 10) + (second - 0xDC00)
        case 0xDC00...0xDFFF:
            throw JSONFallback()
        default:
            return unit
        }
    }

    private static func hex4(_ bytes: UnsafeRawBufferPointer, at index: inout Int) throws(JSONFallback) -> UInt32 {
        guard bytes.count - index >= 4 else { throw JSONFallback() }
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = bytes[index + offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw JSONFallback()
            }
            value = value << 4 | UInt32(digit)
        }
        index += 4
        return value
    }

    private static func appendUTF8(of scalar: UInt32, to output: inout [UInt8]) {
        switch scalar {
        case ..<0x80:
            output.append(UInt8(scalar))
        case ..<0x800:
            output.append(UInt8(0xC0 | scalar >> 6))
            output.append(UInt8(0x80 | scalar & 0x3F))
        case ..<0x10000:
            output.append(UInt8(0xE0 | scalar >> 12))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        default:
            output.append(UInt8(0xF0 | scalar >> 18))
            output.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}
