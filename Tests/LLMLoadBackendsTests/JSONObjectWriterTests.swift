import Foundation
import NIOCore
import NIOFoundationCompat
import Testing

@testable import LLMLoadBackends

/// Request bodies are written without `JSONEncoder`: whatever a prompt holds, a JSON parser must
/// read back exactly the values written.
@Suite struct JSONObjectWriterTests {
    private func parse(_ buffer: ByteBuffer) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: buffer)) as? [String: Any])
    }

    /// Strings of every awkward kind: quotes, backslashes, each control character, slashes,
    /// multi-byte scalars, emoji, the line and paragraph separators JavaScript chokes on.
    private static func awkwardStrings(count: Int) -> [String] {
        var generator = SystemRandomNumberGenerator()
        let pieces: [String] =
            (0..<0x20).map { String(UnicodeScalar(UInt8($0))) } + [
                "\"", "\\", "/", "a", "z", " ", "é", "中文", "🦙", "\u{2028}", "\u{2029}", "\u{7F}", "\\u0041", "\"\"",
            ]
        return ["", "plain text"]
            + (0..<count).map { _ in
                (0..<Int.random(in: 1...40, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
                    .joined()
            }
    }

    @Test func everyStringReadsBackExactly() throws {
        for text in Self.awkwardStrings(count: 2_000) {
            var json = JSONObjectWriter()
            json.field("text", text)
            json.field("list", [text, "x"])
            let parsed = try parse(json.finish())
            #expect(parsed["text"] as? String == text, "\(Array(text.unicodeScalars))")
            #expect(parsed["list"] as? [String] == [text, "x"])
        }
    }

    @Test func controlCharactersAreEscapedAndTheRestIsWrittenAsItIs() {
        var json = JSONObjectWriter()
        json.field("t", "a\"b\\c\nd\u{1}é🦙")
        #expect(String(buffer: json.finish()) == #"{"t":"a\"b\\c\nd\u0001é🦙"}"#)
    }

    @Test func numbersBooleansNestedObjectsAndAbsentFields() throws {
        var json = JSONObjectWriter()
        json.field("int", 42)
        json.field("negative", -7)
        try json.field("double", 0.7)
        try json.field("tiny", 1e-5)
        try json.field("whole", 2.0)
        json.field("yes", true)
        json.field("absent", nil as String?)
        try json.field("absentNumber", nil as Double?)
        json.object("inner") {
            $0.field("flag", false)
            $0.field("count", 3)
        }
        json.objects("items", [1, 2]) { object, value in
            object.field("n", value)
            object.field("m", -value)
        }
        json.field("after", "the nested objects")
        let parsed = try parse(json.finish())
        #expect(parsed["int"] as? Int == 42)
        #expect(parsed["negative"] as? Int == -7)
        #expect(parsed["double"] as? Double == 0.7)
        #expect(parsed["tiny"] as? Double == 1e-5)
        #expect(parsed["whole"] as? Double == 2.0)
        #expect(parsed["yes"] as? Bool == true)
        #expect(parsed["absent"] == nil && parsed["absentNumber"] == nil)
        #expect((parsed["inner"] as? [String: Any])?["flag"] as? Bool == false)
        #expect((parsed["inner"] as? [String: Any])?["count"] as? Int == 3)
        #expect((parsed["items"] as? [[String: Int]]) == [["n": 1, "m": -1], ["n": 2, "m": -2]])
        #expect(parsed["after"] as? String == "the nested objects")
        #expect(parsed.count == 9)
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func aNumberJSONCannotHoldIsAnError(value: Double) {
        var json = JSONObjectWriter()
        #expect(throws: JSONBodyError.self) { try json.field("temperature", value) }
    }
}
