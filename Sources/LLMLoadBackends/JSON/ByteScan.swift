#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Fast byte searches through the plain runs that make up most of a stream: `memchr` for one
/// byte, and word-at-a-time bit tricks (SWAR), eight bytes a step, for a JSON string's run.
///
/// The bit tricks find whether *any* byte of a word matches, exactly; ``stringRun(in:from:)``
/// then takes the lowest flagged byte.
package enum ByteScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The high bit of each byte of `word` that is zero, and possibly of bytes above one.
    @inline(__always)
    private static func zeroBytes(_ word: UInt64) -> UInt64 {
        (word &- ones) & ~word & highBits
    }

    /// The offset of the first `byte` in `bytes` at or after `start`: C's `memchr`, which the C
    /// library vectorises (a line of a stream is searched 16 or 32 bytes a step, not 8).
    static func firstIndex(of byte: UInt8, in bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        guard let base = bytes.baseAddress, start < bytes.count else { return nil }
        guard let found = memchr(base + start, Int32(byte), bytes.count - start) else { return nil }
        return UnsafeRawPointer(found) - base
    }

    /// The offset at or after `start` of the first byte that ends a plain run inside a JSON
    /// string — `"`, `\` or a control character — or `bytes.count`; and whether the run held
    /// non-ASCII bytes.
    ///
    /// A word at a time from the first byte: the lowest flagged byte of each test is exact (a
    /// borrow only ever runs upwards, from a true hit), so the first hit is the lowest set bit.
    @inline(__always)
    package static func stringRun(in bytes: UnsafeRawBufferPointer, from start: Int) -> (end: Int, hasNonASCII: Bool) {
        var index = start
        var seen: UInt64 = 0
        if let base = bytes.baseAddress {
            let quotes = ones &* UInt64(UInt8(ascii: "\""))
            let backslashes = ones &* UInt64(UInt8(ascii: "\\"))
            while index + 8 <= bytes.count {
                // Little-endian, so the first byte in memory is the lowest of the word.
                let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                let controls = (word &- ones &* 0x20) & ~word & highBits
                let hits = zeroBytes(word ^ quotes) | zeroBytes(word ^ backslashes) | controls
                if hits != 0 {
                    let offset = hits.trailingZeroBitCount &>> 3
                    // The bytes before the hit (none when `offset` is 0; else the shift is 8 ... 56).
                    seen |= offset == 0 ? 0 : word & (UInt64.max &>> UInt64(64 - 8 * offset))
                    return (index + offset, seen & highBits != 0)
                }
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
    /// Whether these bytes are exactly the ASCII of `literal`. Inlined, so that the length
    /// test, which settles most of a reader's key comparisons, is one compare with a constant.
    @inline(__always)
    func equals(_ literal: StaticString) -> Bool {
        guard count == literal.utf8CodeUnitCount else { return false }
        for offset in 0..<count where self[offset] != literal.utf8Start[offset] { return false }
        return true
    }
}
