import CSV
import Foundation
import LLMLoadCore
import Testing

@testable import LLMLoadReport

@Suite struct CSVRecordReaderTests {
    struct NoRecord: Error {}

    /// A field's text from pieces RFC 4180 treats specially, and some it does not.
    static func randomField(_ random: inout some RandomNumberGenerator) -> String {
        let pieces = ["a", "7", "-1.25", ",", "\"", "\n", "\r\n", "\r", " ", "模型", "😀", "e3", "", "nan", "1e400"]
        return (0..<Int.random(in: 0...4, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
    }

    /// Rows as `CSVRowBuilder` writes them (quoted only where needed), or every field quoted.
    static func file(rows: [[String]], quoteAll: Bool) -> String {
        rows.map { row in
            row.map { field in
                if quoteAll { return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
                var builder = CSVRowBuilder()
                builder.plain(field)
                return String(decoding: builder.bytes, as: UTF8.self)
            }.joined(separator: ",")
        }.joined(separator: "\n") + "\n"
    }

    static func write(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("csv-reader-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        return url
    }

    /// Every field of every record, as CSV.swift reads the file and as `CSVRecordReader` does.
    static func readBoth(_ url: URL) throws -> (expected: [[String]], read: [[String]], header: [String]) {
        let reference = try CSVReader(stream: InputStream(url: url)!, hasHeaderRow: true)
        var expected: [[String]] = []
        while let row = reference.next() { expected.append(row) }
        var reader = try #require(CSVRecordReader(url: url))
        var read: [[String]] = []
        while reader.next() {
            var fields: [String] = []
            var index = 0
            while let field = reader.string(index) {
                fields.append(field)
                index += 1
            }
            read.append(fields)
        }
        return (expected, read, reader.header)
    }

    @Test func readsEveryFieldAsCSVSwiftDoesAcrossChunkBoundaries() throws {
        var random = SplitMix64(seed: 4180)
        for quoteAll in [false, true] {
            let header = ["phase", "outcome", "e2e_ms", "error"]
            // 20,000 records of ~4 fields: well over the reader's 256 KB chunk.
            let rows = (0..<20_000).map { _ in (0..<4).map { _ in Self.randomField(&random) } }
            let url = try Self.write(Self.file(rows: [header] + rows, quoteAll: quoteAll))
            defer { try? FileManager.default.removeItem(at: url) }
            #expect(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as! Int > 300_000)
            let (expected, read, readHeader) = try Self.readBoth(url)
            #expect(readHeader == header)
            #expect(read.count == expected.count)
            for (index, (mine, theirs)) in zip(read, expected).enumerated() where mine != theirs {
                Issue.record("record \(index): \(mine) != \(theirs)")
                break
            }
        }
    }

    @Test func readsNumbersAsDoubleOfStringDoes() throws {
        let values = [
            "12.5", "", "-0.001", "1e3", "abc", "7", "nan", "inf", " 1", "1 ", "0x1p3", "1.7976931348623157e308",
        ]
        let url = try Self.write(Self.file(rows: [["x"]] + values.map { [$0] }, quoteAll: false))
        defer { try? FileManager.default.removeItem(at: url) }
        var reader = try #require(CSVRecordReader(url: url))
        let column = reader.column("x")
        for value in values {
            guard reader.next() else { throw NoRecord() }
            let read = reader.double(column)
            let expected = Double(value)
            #expect(read == expected || (read?.isNaN == true && expected?.isNaN == true), "\(value)")
        }
        let hasMore = reader.next()
        #expect(!hasMore)
    }

    @Test func aFieldTheRecordLacksIsMissingNotEmpty() throws {
        let url = try Self.write("a,b,c\r\n1,\"x\"\"y\"\r\n\"\",2,3\r\n")
        defer { try? FileManager.default.removeItem(at: url) }
        var reader = try #require(CSVRecordReader(url: url))
        #expect(reader.header == ["a", "b", "c"])
        guard reader.next() else { throw NoRecord() }
        #expect(reader.string(1) == "x\"y")
        #expect(reader.string(reader.column("c")) == nil)
        #expect(!reader.field(2, is: ""))
        guard reader.next() else { throw NoRecord() }
        #expect(reader.field(0, is: ""))
        #expect(reader.double(reader.column("c")) == 3)
        #expect(reader.string(reader.column("nope")) == nil)
        let hasMore = reader.next()
        #expect(!hasMore)
    }

    @Test func anEmptyOrMissingFileHasNoReader() throws {
        let url = try Self.write("")
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(CSVRecordReader(url: url) == nil)
        #expect(CSVRecordReader(url: url.appendingPathExtension("missing")) == nil)
    }
}
