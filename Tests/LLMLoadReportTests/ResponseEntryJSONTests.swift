import Foundation
import LLMLoadCore
import Testing

@testable import LLMLoadReport

/// `responses.jsonl` is written by hand; these hold it to what `JSONEncoder` wrote before.
@Suite struct ResponseEntryJSONTests {
    /// Every control character, quotes, backslashes, slashes, line and paragraph separators,
    /// emoji, combining marks, a BOM: text a server may send back.
    static let awkwardStrings: [String] = [
        "", "plain", "\"", "\\", "\\\"", "a/b</script>", "\u{7F}\u{80}\u{85}", "\u{2028}\u{2029}", "😀👩‍👩‍👧 é e\u{301}",
        "\r\n", "\u{FEFF}bom", "中文回答。", String((0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) }),
        "end\\", "x\u{0}y", "tab\there\u{1F}",
    ]

    static func entry(_ i: Int, generator: inout SplitMix64) -> ResponseEntry {
        let origin = ContinuousClock.now
        var entry = ResponseEntry(
            record: RequestRecord(index: i, scheduledAt: origin, finishedAt: origin, outcome: .ok), prompt: "",
            origin: origin)
        let strings = awkwardStrings
        func pick() -> String { strings[Int(generator.next() % UInt64(strings.count))] }
        func maybe<T>(_ value: T) -> T? { generator.next() % 3 == 0 ? nil : value }
        let doubles: [Double] = [
            0, -0.0, 100, 0.05, 1e20, 1e-7, .leastNonzeroMagnitude, 123_456.789, 1e16, -2.5, .greatestFiniteMagnitude,
        ]
        func number() -> Double {
            generator.next() % 2 == 0
                ? doubles[Int(generator.next() % UInt64(doubles.count))]
                : generator.nextUnit() * pow(10, Double(generator.next() % 20) - 6)
        }
        entry.index = i * (i % 2 == 0 ? 1 : -1)
        entry.phase = pick()
        entry.outcome = pick()
        entry.httpStatus = maybe(Int(generator.next() % 600))
        entry.error = maybe(pick() + pick())
        entry.finishReason = maybe(pick())
        entry.scheduledS = number()
        entry.ttftMs = maybe(number())
        entry.e2eMs = maybe(number())
        entry.promptTokens = maybe(Int(truncatingIfNeeded: generator.next()))
        entry.targetPromptTokens = maybe(Int(generator.next() % 5000))
        entry.outputTokens = maybe(Int(generator.next() % 5000))
        entry.outputTokensSource = maybe(pick())
        entry.prompt = pick() + pick() + pick()
        entry.response = pick() + pick()
        entry.reasoning = pick()
        entry.responseTruncatedBytes = maybe(Int(generator.next() % 5000))
        entry.reasoningTruncatedBytes = maybe(Int(generator.next() % 5000))
        return entry
    }

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return encoder
    }

    @Test func linesAreTheBytesJSONEncoderWroteAndDecodeBackEqual() throws {
        var generator = SplitMix64(seed: 3)
        let encoder = Self.encoder()
        var bytes: [UInt8] = []
        for i in 0..<2_000 {
            let entry = Self.entry(i, generator: &generator)
            bytes.removeAll()
            entry.appendJSONLine(to: &bytes)
            let expected = try encoder.encode(entry) + Data("\n".utf8)
            #expect(Data(bytes) == expected, "\(String(decoding: bytes, as: UTF8.self))")
            #expect(try JSONDecoder().decode(ResponseEntry.self, from: Data(bytes.dropLast())) == entry)
        }
    }

    @Test func nonFiniteNumbersAreWrittenAsTheEncoderDid() throws {
        var generator = SplitMix64(seed: 4)
        var entry = Self.entry(0, generator: &generator)
        for value in [Double.infinity, -.infinity, .nan] {
            entry.scheduledS = value
            var bytes: [UInt8] = []
            entry.appendJSONLine(to: &bytes)
            #expect(Data(bytes) == (try Self.encoder().encode(entry)) + Data("\n".utf8))
        }
    }

    @Test func escapesOnlyWhatJSONRequires() {
        var bytes: [UInt8] = []
        JSONStringEscaper.appendString("a\"b\\c/d\u{1}\u{1F}\n\u{2028}😀", to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "\"a\\\"b\\\\c/d\\u0001\\u001f\\n\u{2028}😀\"")
    }
}
