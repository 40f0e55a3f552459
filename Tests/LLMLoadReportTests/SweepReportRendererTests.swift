import Foundation
import LLMLoadCore
import LLMLoadMetrics
import LLMLoadTestSupport
import Testing

@testable import LLMLoadReport

@Suite struct SweepReportRendererTests {
    func render(_ summary: SweepSummary, language: ReportLanguage = .en) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("llmload-sweep-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = try SweepReportRenderer.render(folder: folder, summary: summary, language: language)
        #expect(url == folder.appendingPathComponent("report.html"))
        return try String(contentsOf: url, encoding: .utf8)
    }

    @Test func linksEveryPointsReportAndShowsTheRateFound() throws {
        let html = try render(SweepFixture.summary(mode: .findMaxRate))
        for index in 0..<5 {
            expectContains(html, "<a href=\"./point-\(index)/report.html\">")
        }
        // The card, and the vertical line's label in the chart data.
        expectContains(html, "<div class=\"label\">Max rate</div><div class=\"value\">4.00<span class=\"unit\">req/s")
        // JSONEncoder writes `/` as `\/`.
        expectContains(html, #""label":"Max rate 4.00 req\/s""#)
        expectContains(html, #""label":"Lowest failing load 8.00 req\/s""#)
        expectContains(html, "4.00 req/s passed and 8.00 req/s failed")
        expectContains(html, "error rate 12.5 % over 10.0 %")
    }

    @Test func withoutASearchTheKneeIsTheHighestPassingLoad() throws {
        let html = try render(SweepFixture.summary(mode: .concurrencies))
        expectContains(html, "<div class=\"label\">Highest load that met the goals</div><div class=\"value\">4<span")
        expectContains(html, "<th>Users</th>")
        expectLacks(html, "\"offeredRatePerS\"")
        var none = SweepFixture.summary()
        for index in none.points.indices { none.points[index].passed = false }
        expectContains(try render(none), "No point met the goals.")
    }

    @Test func textFromTheSweepStaysTextAndCannotEndAScript() throws {
        var summary = SweepFixture.summary()
        summary.points[3].failedBecause = "<script>alert(\"x\")</script> & 'q'"
        summary.points[1].folder = "a b/#c?d\"><script>"
        summary.interrupted = true
        let html = try render(summary)
        expectContains(html, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;")
        expectContains(html, "href=\"./a%20b/%23c%3Fd%22%3E%3Cscript%3E/report.html\"")
        expectLacks(html, "<script>alert(")
        expectContains(html, "The sweep was interrupted")
        #expect(html.components(separatedBy: "</script>").count - 1 == 3)
        #expect(html.components(separatedBy: "<script").count - 1 == 3)
        expectLacks(html, "<script src")
        expectLacks(html, "<link")
        // Around Plotly (whose own code names its web site), nothing refers to the network.
        let page = try SweepReportRenderer.page(summary, language: .en)
        expectLacks(String(decoding: try page.bytes(withPlotly: false), as: UTF8.self), "http")
        expectContains(html, "plotly.js v4.1.1")
    }

    @Test func aJavaScriptFolderIsARelativePath() {
        #expect(SweepReportTables.reportLink("javascript:alert(1)") == "./javascript:alert(1)/report.html")
        #expect(SweepReportTables.reportLink("/abs//x") == "./abs/x/report.html")
    }

    @Test func gpuChartsOnlyWithGPUFigures() throws {
        let without = try render(SweepFixture.summary(hasGPU: false))
        expectContains(without, "<p class=\"note\">No GPU figures in this sweep.</p>")
        expectLacks(without, "\"gpuMemoryMaxGiB\":")
        let with = try render(SweepFixture.summary(hasGPU: true))
        expectLacks(with, "<p class=\"note\">No GPU figures")
        expectContains(with, "\"gpuMemoryMaxGiB\":[8.25,8.5,9,10,12]")
    }

    @Test func chartDataIsOrderedByLoad() {
        var summary = SweepFixture.summary(mode: .findMaxRate)
        summary.points.swapAt(0, 4)
        let data = SweepChartData(summary, language: .en)
        #expect(data.load == [1, 2, 4, 8, 16])
        #expect(data.isLogarithmic)
        #expect(data.latency.map(\.id) == ["ttft_ms", "e2e_ms", "itl_ms", "tpot_ms"])
        #expect(data.latency[0].p50 == [100, 200, 400, 800, 1600])
        #expect(data.passed == [true, true, true, false, false])
    }

    @Test func chineseReportHasChineseLabels() throws {
        let html = try render(SweepFixture.summary(), language: .zh)
        expectContains(html, "<html lang=\"zh-CN\">")
        expectContains(html, "LLM 负载扫描报告")
        expectContains(html, "满足目标的最高负载")
        expectContains(html, "未通过")
        expectLacks(html, "LLM load sweep report")
    }

    @Test func everyLabelTheSweepTemplateAndScriptUseIsTranslated() throws {
        let assets = try ReportAssets.load()
        let used = try labelKeys(template: assets.sweepTemplate, script: assets.sweepScript)
        #expect(used.count > 25)
        let table = SweepReportText.table
        #expect(used.subtracting(table.keys).isEmpty, "untranslated: \(used.subtracting(table.keys))")
        for mode in [SweepSummary.Mode.rates, .concurrencies, .findMaxRate] {
            #expect(table["mode_\(mode.rawValue)"] != nil)
        }
        for (key, entry) in table {
            #expect(!entry.en.isEmpty && !entry.zh.isEmpty, "\(key)")
        }
    }
}
