import Foundation
import LLMLoadCore
import LLMLoadTestSupport
import Testing

@testable import LLMLoadReport

/// The report is written around Plotly's bytes: the same page as the whole-string render, with
/// every `</script` inside an inlined script defused, and never half a file.
@Suite struct ReportPageTests {
    /// `text` as a script file, removed when the tests end.
    func script(_ text: String) throws -> InlineScript {
        let url = try TemporaryFolders.make(prefix: "llmload-script").appendingPathComponent("script.js")
        try Data(text.utf8).write(to: url)
        return InlineScript(url: url)
    }

    @Test func aScriptCloserInsidePlotlyIsDefusedAndNothingElseChanges() throws {
        let safe = String(decoding: try script(#"a</script>b"</script""</scrip"#).bytes(), as: UTF8.self)
        #expect(safe == #"a<\/script>b"<\/script""</scrip"#)
        let clean = "var x = 1 < 2 && '</scr' + 'ipt>';"
        #expect(try script(clean).bytes() == Array(clean.utf8))
        #expect(try script("").bytes() == [])
    }

    /// Read from a file in chunks, a closer is defused wherever the chunks cut it, and the
    /// pieces are the file's bytes otherwise: every cut of every closer, at several chunk sizes.
    @Test func aScriptReadInChunksIsDefusedAcrossEveryCut() throws {
        let text = "x<y </script> <</script</script>z </scrip </SCRIPT> end</script"
        let file = try script(text)
        let expected = text.replacingOccurrences(of: "</script", with: "<\\/script")
        for chunkSize in 1...(text.utf8.count + 1) {
            var pieces: [UInt8] = []
            try file.forEachPiece(chunkSize: chunkSize) { pieces.append(contentsOf: $0) }
            #expect(String(decoding: pieces, as: UTF8.self) == expected, "chunks of \(chunkSize) bytes")
        }
        #expect(throws: ReportError.self) {
            try InlineScript(url: file.url.deletingLastPathComponent().appendingPathComponent("missing.js")).bytes()
        }
    }

    @Test func theFileIsTheWholePageAndNoTemporaryFileStays() throws {
        let fixture = ReportFolderFixture()
        defer { fixture.remove() }
        _ = try fixture.write(count: 12)
        let input = try ReportInput.load(folder: fixture.url, summary: nil, limits: .init())
        let page = try ReportRenderer.page(input, language: .en, pointLimit: 1000)
        let destination = fixture.url.appendingPathComponent("page.html")
        try page.write(to: destination)
        let plotly = try page.plotly.bytes()
        let file = Array(try Data(contentsOf: destination))
        #expect(file == (try page.bytes()))
        #expect(plotly.count > 4_000_000)
        // The chart data is in its script, as the JSON the renderer made of it.
        let text = String(decoding: file, as: UTF8.self)
        expectContains(text, #"<script id="report-data" type="application/json">{"#)
        expectContains(text, String(decoding: page.data, as: UTF8.self) + "</script>")
        expectLacks(text, ReportPage.dataMarker)
        #expect(page.data.count > 1_000)
        let url = try ReportRenderer.render(folder: fixture.url, language: .en)
        let written = try String(contentsOf: url, encoding: .utf8)
        expectLacks(written, ReportPage.plotlyMarker)
        expectContains(written, "plotly.js v4.1.1")
        expectContains(written, "<html lang=\"en\">")
        #expect(written.hasSuffix("</html>\n") || written.hasSuffix("</html>"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: fixture.url.path)
            .filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func aWriteThatFailsAtTheRenameLeavesWhatWasThereAndNoTemporaryFile() throws {
        let fixture = ReportFolderFixture()
        defer { fixture.remove() }
        _ = try fixture.write(count: 3)
        let page = try ReportPage(
            rendered: "a\(ReportPage.plotlyMarker)b", plotly: try script("P"))
        // The destination is a folder with a file in it: the temporary file is written whole,
        // then the rename fails.
        let destination = fixture.url.appendingPathComponent("page.html")
        try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: false)
        let inside = destination.appendingPathComponent("keep.txt")
        try Data("old".utf8).write(to: inside)
        #expect(throws: (any Error).self) { try page.write(to: destination) }
        #expect(try String(contentsOf: inside, encoding: .utf8) == "old")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: fixture.url.path)
            .filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
        // The same page written where it can be is whole.
        let written = fixture.url.appendingPathComponent("written.html")
        try page.write(to: written)
        #expect(try String(contentsOf: written, encoding: .utf8) == "aPb")
    }

    /// The same run folder gives the same page, byte for byte.
    @Test func aReportIsTheSameEachTimeItIsRendered() throws {
        let fixture = ReportFolderFixture()
        defer { fixture.remove() }
        _ = try fixture.write(count: 30)
        let input = try ReportInput.load(folder: fixture.url, summary: nil, limits: .init())
        let first = try ReportRenderer.page(input, language: .en, pointLimit: 1000).bytes(withPlotly: false)
        let second = try ReportRenderer.page(input, language: .en, pointLimit: 1000).bytes(withPlotly: false)
        #expect(first.count > 10_000)
        #expect(first == second)
    }

    @Test func dataWithoutItsPlaceInTheTemplateIsAnError() throws {
        #expect(throws: ReportError.self) {
            try ReportPage(rendered: "a\(ReportPage.plotlyMarker)b", plotly: try script("P"), data: Array("{}".utf8))
        }
        let page = try ReportPage(
            rendered: "a\(ReportPage.dataMarker)b\(ReportPage.plotlyMarker)c", plotly: try script("P"),
            data: Array("{}".utf8))
        #expect(String(decoding: try page.bytes(), as: UTF8.self) == "a{}bPc")
    }

    @Test func aTemplateWithoutPlotlysPlaceIsAnError() {
        #expect(throws: ReportError.self) { try ReportPage(rendered: "<html></html>", plotly: try script("")) }
    }
}
