import CSV
import Foundation
import Testing

@testable import LLMLoadReport

@Suite struct CSVRowBuilderTests {
    /// The field as `row.plain` writes it.
    static func plain(_ value: String) -> String {
        var row = CSVRowBuilder()
        row.plain(value)
        return String(decoding: row.bytes, as: UTF8.self)
    }

    /// The field as `row.text` writes it.
    static func text(_ value: String) -> String {
        var row = CSVRowBuilder()
        row.text(value)
        return String(decoding: row.bytes, as: UTF8.self)
    }

    @Test(
        "quotes a field only when RFC 4180 requires it",
        arguments: [
            ("plain", "plain"), ("", ""), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("\"", "\"\"\"\""), ("a\rb", "\"a\rb\""), ("a\nb", "\"a\nb\""), ("a\r\nb", "\"a\r\nb\""),
            ("模型 😀", "模型 😀"), ("it's", "it's"), ("a;b\tc", "a;b\tc"),
        ])
    func quoting(value: String, written: String) {
        #expect(Self.plain(value) == written)
        #expect(Self.text(value) == written, "text that is no formula is written as it is")
    }

    @Test(
        "text that a spreadsheet would read as a formula gets a leading quote",
        arguments: [
            ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
            ("\rx", "\"'\rx\""), ("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""),
            ("a=1", "a=1"), (" =1", " =1"), ("'=1", "'=1"),
        ])
    func formulaGuard(value: String, written: String) {
        #expect(Self.text(value) == written)
        #expect(Self.plain(value) != written || value == written, "plain fields are never changed")
    }

    @Test func numbersAreNeverQuotedOrPrefixed() {
        var row = CSVRowBuilder()
        row.number(-1.5)
        row.integer(-42)
        row.integer(0)
        row.integer(Int.min)
        row.integer(Int.max)
        row.number(nil)
        row.integer(nil)
        row.number(.nan)
        row.empty()
        row.text(nil)
        row.endRow()
        row.number(-0.0)
        row.endRow()
        #expect(
            String(decoding: row.bytes, as: UTF8.self)
                == "-1.500,-42,0,\(Int.min),\(Int.max),,,,,\n-0.000\n")
        row.removeAll()
        #expect(row.bytes.isEmpty)
        row.integer(7)
        #expect(row.bytes == Array("7".utf8), "a new row after removeAll has no leading comma")
    }

    @Test func lineWritesWhatCSVSwiftWrote() throws {
        let fields = ["a", "", "b,c", "say \"hi\"", "x\ny", "x\r\ny", "\r", "=1", "-2", "中文", "\"\""]
        let stream = OutputStream(toMemory: ())
        let writer = try CSVWriter(stream: stream)
        try writer.write(row: fields)
        writer.stream.close()
        let data = try #require(stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data)
        #expect(RequestsCSVWriter.line(fields) == String(decoding: data, as: UTF8.self) + "\n")
        #expect(RequestsCSVWriter.line([]) == "\n")
    }

    /// `response_chars` counts what a reader sees, as `String.count` does, fast path or not.
    @Test(arguments: [
        "", "plain answer", "line\r\nbreak", "\r", "\n\r", "中文回答", "e\u{301}", "🦙 llama", "👩‍👩‍👧", "a\tb\u{7F}",
    ])
    func characterCountIsStringCount(text: String) {
        #expect(characterCount(text) == text.count)
        #expect(characterCount(text + "x") == text.count + 1)
    }
}
