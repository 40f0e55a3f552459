import LLMLoadBackends
import LLMLoadCore
import Testing

/// The word-at-a-time string scan against a byte-by-byte reference: every start offset, every
/// alignment, hits in every byte of a word, and non-ASCII bytes before and after the hit.
@Suite struct ByteScanTests {
    /// What `stringRun` must return, one byte at a time.
    private static func reference(_ bytes: [UInt8], from start: Int) -> (end: Int, hasNonASCII: Bool) {
        var index = start
        var hasNonASCII = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
            if byte >= 0x80 { hasNonASCII = true }
            index += 1
        }
        return (index, hasNonASCII)
    }

    private static func check(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            (0...bytes.count).allSatisfy { start in
                let run = ByteScan.stringRun(in: raw, from: start)
                let expected = reference(bytes, from: start)
                return run.end == expected.end && run.hasNonASCII == expected.hasNonASCII
            }
        }
    }

    @Test func aStopByteAtEveryPositionIsFoundFromEveryStart() {
        // Stop bytes, the bytes next to them, and non-ASCII lead and continuation bytes.
        let specials: [UInt8] = [0x22, 0x5C, 0x00, 0x1F, 0x20, 0x21, 0x5B, 0x5D, 0x7F, 0x80, 0xC3, 0xE6, 0xFF]
        for length in 0...20 {
            for position in 0..<max(length, 1) {
                for special in specials {
                    var bytes = Array(repeating: UInt8(ascii: "a"), count: length)
                    if position < length { bytes[position] = special }
                    #expect(Self.check(bytes), "\(bytes)")
                }
            }
        }
    }

    @Test func randomTextAgreesWithTheReference() {
        var random = SplitMix64(seed: 13)
        // Mostly plain text, with stop bytes and non-ASCII bytes now and then.
        let alphabet: [UInt8] = Array("abc xyz0123,:{}".utf8) + [0x22, 0x5C, 0x0A, 0x01, 0x80, 0xC3, 0xA9, 0xE6, 0x97]
        for _ in 0..<2_000 {
            let length = Int(random.next() % 40)
            let bytes = (0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            #expect(Self.check(bytes), "\(bytes)")
        }
    }
}
