/// Word-at-a-time byte searches (SWAR): eight bytes per step through the plain runs that make
/// up most of a stream, then byte by byte inside the word that holds a hit.
///
/// The bit tricks find whether *any* byte of a word matches, exactly; which byte it is, the
/// byte loop finds, so byte order does not matter.
enum ByteScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The high bit of each byte of `word` that is zero, and possibly of bytes above one.
    @inline(__always)
    private static func zeroBytes(_ word: UInt64) -> UInt64 {
        (word &- ones) & ~word & highBits
    }

    /// The offset of the first `byte` in `bytes` at or after `start`.
    static func firstIndex(of byte: UInt8, in bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        var index = start
        if let base = bytes.baseAddress {
            let pattern = ones &* UInt64(byte)
            while index + 8 <= bytes.count {
                let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                if zeroBytes(word ^ pattern) != 0 { break }
                index += 8
            }
        }
        while index < bytes.count {
            if bytes[index] == byte { return index }
            index += 1
        }
        return nil
    }

    /// The offset at or after `start` of the first byte that ends a plain run inside a JSON
    /// string — `"`, `\` or a control character — or `bytes.count`; and whether the run held
    /// non-ASCII bytes.
    @inline(__always)
    static func stringRun(in bytes: UnsafeRawBufferPointer, from start: Int) -> (end: Int, hasNonASCII: Bool) {
        var index = start
        var seen: UInt64 = 0
        // Most strings (keys, tokens) end within a word: look at those bytes one by one first.
        let shortEnd = min(start + 8, bytes.count)
        while index < shortEnd {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 {
                return (index, seen & 0x80 != 0)
            }
            seen |= UInt64(byte)
            index += 1
        }
        if let base = bytes.baseAddress {
            let quotes = ones &* UInt64(UInt8(ascii: "\""))
            let backslashes = ones &* UInt64(UInt8(ascii: "\\"))
            while index + 8 <= bytes.count {
                let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                let controls = (word &- ones &* 0x20) & ~word & highBits
                if zeroBytes(word ^ quotes) | zeroBytes(word ^ backslashes) | controls != 0 { break }
                seen |= word
                index += 8
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
            seen |= UInt64(byte)
            index += 1
        }
        return (index, seen & highBits != 0)
    }
}

extension UnsafeRawBufferPointer {
    /// Whether these bytes are exactly the ASCII of `literal`.
    func equals(_ literal: StaticString) -> Bool {
        guard count == literal.utf8CodeUnitCount else { return false }
        for offset in 0..<count where self[offset] != literal.utf8Start[offset] { return false }
        return true
    }
}
