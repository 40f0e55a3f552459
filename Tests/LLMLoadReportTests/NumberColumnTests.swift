import Foundation
import LLMLoadCore
import Testing

@testable import LLMLoadReport

/// The report's number columns, written by hand into the page's JSON, must be what
/// `JSONEncoder` would have written: every number byte for byte, every page the same data.
@Suite struct NumberColumnTests {
    private static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return encoder
    }

    @Test func numbersAreWrittenAsJSONEncoderWritesThem() throws {
        var random = SplitMix64(seed: 0xC01)
        var values: [Double?] = [
            nil, 0, -0.0, 1, 12, 0.1, 1e-7, 1e15, 1e16, 1e21, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 2.5,
            1234.5678,
            .infinity, -.infinity, .nan, 123_456_789_012_345_680,
        ]
        for _ in 0..<20_000 {
            // Every bit pattern: all magnitudes, subnormals, and the odd NaN.
            values.append(Double(bitPattern: random.next()))
            // Latencies as the report holds them: milliseconds to the microsecond.
            values.append((Double(random.next() % 100_000_000) / 1000))
        }
        var written: [UInt8] = []
        NumberColumn.write(values, to: &written)
        #expect(written == Array(try Self.encoder().encode(values)))
    }

    /// Whether two JSON texts hold the same data.
    private static func sameData(_ a: String, _ b: String) throws -> Bool {
        let first = try JSONSerialization.jsonObject(with: Data(a.utf8)) as? NSDictionary
        let second = try JSONSerialization.jsonObject(with: Data(b.utf8)) as? NSDictionary
        return first != nil && first == second
    }

    private struct Page: Encodable {
        var title: String
        var columns: [NumberColumn]
        var plain: [Double]
    }

    /// A text that looks like a placeholder, with `<` in it, stays a text.
    @Test func aPageWithColumnsIsThePageJSONEncoderWrites() throws {
        let page = Page(
            title: "\"00000000-0000-0000-0000-000000000000:0\" </script>",
            columns: [NumberColumn([1.5, nil, 3]), NumberColumn([Double]()), NumberColumn([-0.0, 1e300])],
            plain: [1, 2.25])
        let safe = try ReportRenderer.scriptSafeJSON(page)
        #expect(!safe.contains("<"))
        // Without the renderer, the columns are plain arrays.
        let plain = String(decoding: try Self.encoder().encode(page), as: UTF8.self)
            .replacingOccurrences(of: "<", with: "\\u003c")
        #expect(safe == plain)
        #expect(safe.contains(#"[[1.5,null,3],[],[-0,1e+300]]"#))
    }

    /// A real report's chart data, thinned per-request points and all.
    @Test func aRunsChartDataIsThePageJSONEncoderWrites() throws {
        let fixture = ReportFolderFixture()
        defer { fixture.remove() }
        _ = try fixture.write(count: 300, warmup: 5)
        let input = try ReportInput.load(folder: fixture.url)
        let data = ReportChartData(input: input, language: .en, pointLimit: 100)
        #expect(data.points.seconds.count > 50)
        let safe = try ReportRenderer.scriptSafeJSON(data)
        let plain = String(decoding: try Self.encoder().encode(data), as: UTF8.self)
            .replacingOccurrences(of: "<", with: "\\u003c")
        // Compared as data first: a page's text would fill the failure message.
        #expect(try Self.sameData(safe, plain))
        #expect(safe == plain, "the same data, not the same text")
    }
}
