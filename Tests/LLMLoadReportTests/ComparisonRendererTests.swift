import Foundation
import LLMLoadCore
import Testing

@testable import LLMLoadReport

@Suite struct ComparisonRendererTests {
    /// A run and the same run 10 % slower, in a folder whose name is markup.
    static func comparison() throws -> RunComparison {
        let a = try RunComparisonTests.fixtureRun()
        var b = RunComparisonTests.scaled(a, by: 1.1)
        b.folder = URL(fileURLWithPath: "/tmp/<b>slower</b>")
        b.summary.runDescription.target.model = "<i>model</i>"
        return RunComparison(runs: [a, b])
    }

    @Test func showsEveryFigureWithItsChangeAndColoursTheOnesShown() throws {
        let comparison = try Self.comparison()
        let html = try ComparisonRenderer.render(comparison, language: .en)
        expectContains(html, "LLM load test comparison")
        expectContains(html, "<span class=\"key\">e2e.p90</span>")
        let e2e = try #require(comparison.figure("e2e.p90"))
        let e2eChange = try #require(e2e.changes[1])
        #expect(e2e.absoluteText(e2eChange).hasPrefix("+4"), "10 % of about 490 ms")
        expectContains(html, "<td class=\"change worse\">\(e2e.absoluteText(e2eChange))</td>")
        expectContains(html, "What differs in how the runs were set up")
        // An interval that reaches below +1 % is not coloured (TTFT P50 spreads widely here).
        let ttft = try #require(comparison.figure("ttft.p50"))
        let ttftChange = try #require(ttft.changes[1])
        #expect(try #require(ttftChange.interval?.relativeInterval).lower < 0.01)
        expectContains(html, "<td class=\"change \">\(ttft.absoluteText(ttftChange))</td>")
    }

    @Test func textFromTheRunsStaysText() throws {
        let html = try ComparisonRenderer.render(try Self.comparison(), language: .en)
        expectContains(html, "/tmp/&lt;b&gt;slower&lt;/b&gt;")
        expectContains(html, "&lt;i&gt;model&lt;/i&gt;")
        expectLacks(html, "<i>model</i>")
        #expect(html.components(separatedBy: "</script>").count - 1 == 3)
        expectLacks(html, "<script src")
        expectLacks(html, "<link")
    }

    @Test func chineseHasChineseLabels() throws {
        let html = try ComparisonRenderer.render(try Self.comparison(), language: .zh)
        expectContains(html, "<html lang=\"zh-CN\">")
        expectContains(html, "LLM 负载测试对比")
        expectContains(html, "首 token 延迟（毫秒） P50")
    }

    @Test func everyLabelThePageUsesIsTranslated() throws {
        let assets = try ReportAssets.load()
        let used = try labelKeys(template: assets.compareTemplate, script: assets.compareScript)
        #expect(used.count > 15)
        #expect(used.isSubset(of: ComparisonText.table.keys), "\(used.subtracting(ComparisonText.table.keys))")
    }

    @Test func writesCompareHTMLIntoANewFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("llmload-cmp-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = try ComparisonRenderer.render(
            try Self.comparison(), language: .en, folder: folder.appendingPathComponent("out"))
        #expect(page.lastPathComponent == "compare.html")
        #expect(FileManager.default.fileExists(atPath: page.path))
    }
}
