import Foundation
import LLMLoadCore
import LLMLoadMetrics
import Testing

@testable import LLMLoadReport

/// `#expect` on a whole page would print megabytes on failure: these print only the needle.
func expectContains(_ page: String, _ needle: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let found = page.contains(needle)
    #expect(found, "missing: \(needle)", sourceLocation: sourceLocation)
}

func expectLacks(_ page: String, _ needle: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let found = page.contains(needle)
    #expect(!found, "unexpected: \(needle)", sourceLocation: sourceLocation)
}

/// What the first group of `pattern` matches in `text`, each once: the label keys a template or
/// script uses.
func captures(_ text: String, _ pattern: String) throws -> Set<String> {
    let regex = try NSRegularExpression(pattern: pattern)
    let range = NSRange(text.startIndex..., in: text)
    return Set(
        regex.matches(in: text, range: range).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        })
}

@Suite struct ReportRendererTests {
    func render(count: Int = 40, warmup: Int = 0, language: ReportLanguage = .en) throws -> String {
        let fixture = ReportFolderFixture()
        defer { fixture.remove() }
        _ = try fixture.write(count: count, warmup: warmup)
        let url = try ReportRenderer.render(folder: fixture.url, language: language)
        return try String(contentsOf: url, encoding: .utf8)
    }

    @Test func modelTextStaysTextAndCannotEndAScript() throws {
        let html = try render()
        expectContains(html, "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;")
        expectLacks(html, "<script>alert(")
        expectContains(html, "boom &lt;b&gt;bold&lt;/b&gt;")
        // Only the page's own three scripts close: nothing in the data or in Plotly ends one.
        let closers = html.components(separatedBy: "</script>").count - 1
        let openers = html.components(separatedBy: "<script").count - 1
        #expect(closers == 3)
        #expect(openers == 3)
    }

    @Test func needsNoNetwork() throws {
        let html = try render()
        expectLacks(html, "<script src")
        expectLacks(html, "<link")
        expectLacks(html, "@import")
        expectContains(html, "plotly.js v4.1.1")
    }

    @Test func everyLabelTheTemplateAndScriptUseIsTranslated() throws {
        let assets = try ReportAssets.load()
        let used = try captures(assets.template, #"\{\{t\.([a-z0-9_]+)\}\}"#).union(
            try captures(assets.script, #"\bL\.([a-z0-9_]+)"#))
        #expect(used.count > 30)
        #expect(
            used.subtracting(ReportText.table.keys).isEmpty, "untranslated: \(used.subtracting(ReportText.table.keys))")
        for (key, entry) in ReportText.table {
            #expect(!entry.en.isEmpty && !entry.zh.isEmpty, "\(key)")
        }
    }

    @Test func chineseReportHasChineseLabelsAndWarnings() throws {
        let html = try render(language: .zh)
        expectContains(html, "<html lang=\"zh-CN\">")
        expectContains(html, "LLM 负载测试报告")
        expectContains(html, "首 token 延迟")
        let english = try render(language: .en)
        expectContains(english, "LLM load test report")
        expectLacks(english, "负载测试报告")
    }

    @Test func showsTheSummaryFigures() throws {
        let fixture = ReportFolderFixture()
        defer { fixture.remove() }
        let summary = try fixture.write(count: 40)
        let input = try ReportInput.load(folder: fixture.url)
        let html = try ReportRenderer.render(input, language: .en, pointLimit: 20_000)
        let p50 = try #require(summary.latency.ttftMs?.p50)
        expectContains(html, DecimalText.format(p50, places: 1)!)
        expectContains(html, "Errors")
        expectContains(html, "http_error")
    }

    @Test func pointsAreThinnedPastTheLimitAndWarmUpIsLeftOut() throws {
        let fixture = ReportFolderFixture()
        defer { fixture.remove() }
        _ = try fixture.write(count: 1_000, warmup: 100)
        var limits = ReportInput.Limits()
        limits.points = 100
        let input = try ReportInput.load(folder: fixture.url, limits: limits)
        #expect(input.points.rows == 1_000)
        #expect(input.points.stride == 10)
        // Rows 100, 110, … 990 are kept: 90 of them, every one ending in 0, so none failed
        // (failures are the rows ending in 9).
        #expect(input.points.seconds.count == 90)
        #expect(input.points.failedSeconds.isEmpty)
        // Request 100 is scheduled at 5 s and completes 100 + 100 + 300 ms later.
        #expect(input.points.seconds.first == 5.5)
        let unthinned = try ReportInput.load(folder: fixture.url)
        #expect(unthinned.points.stride == 1)
        #expect(unthinned.points.seconds.count == 810)
        #expect(unthinned.points.failedSeconds.count == 90)
    }

    @Test func theReportStaysSmallWhateverTheNumberOfRequests() throws {
        func size(_ count: Int) throws -> Int {
            let fixture = ReportFolderFixture()
            defer { fixture.remove() }
            _ = try fixture.write(count: count)
            var limits = ReportInput.Limits()
            limits.points = 200
            let url = try ReportRenderer.render(folder: fixture.url, language: .en, limits: limits)
            return try FileManager.default.attributesOfItem(atPath: url.path)[.size] as! Int
        }
        let small = try size(600)
        let large = try size(3_000)
        // Past the limit the scatter keeps the same number of points; only the per-second
        // series grows (with the run's length in seconds).
        #expect(large - small < 60_000, "\(small) → \(large)")
        #expect(large < 10_000_000)
    }

    @Test func theSampleOfResponsesPrefersMeasuredSuccesses() throws {
        let fixture = ReportFolderFixture()
        defer { fixture.remove() }
        _ = try fixture.write(count: 30, warmup: 5)
        let input = try ReportInput.load(folder: fixture.url)
        #expect(input.responses.count == 8)
        #expect(input.responses.allSatisfy { $0.outcome == "ok" && $0.phase == "measure" })
        #expect(input.responses.first?.index == 5)
    }

    @Test func aFolderWithoutSummaryIsAClearError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("llmload-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: ReportError.self) { try ReportRenderer.render(folder: folder, language: .en) }
    }

    @Test func aMissingRequestsFileLeavesTheRestOfTheReport() throws {
        let fixture = ReportFolderFixture()
        defer { fixture.remove() }
        _ = try fixture.write(count: 20)
        try FileManager.default.removeItem(at: fixture.url.appendingPathComponent("requests.csv"))
        let input = try ReportInput.load(folder: fixture.url)
        #expect(input.points.rows == 0)
        #expect(!input.responses.isEmpty)
        _ = try ReportRenderer.render(input, language: .en, pointLimit: 100)
    }
}

@Suite struct ReportChartDataTests {
    @Test func histogramSharesAndTheCDFAccountForEveryValue() throws {
        var distribution = Distribution.milliseconds()
        for value in 1...1_000 { distribution.record(Double(value)) }
        distribution.record(100_000)  // a far outlier: the bars stop at P99.9
        let summary = try #require(distribution.summary)
        let chart = ReportChartData.chart(
            .timeToFirstToken, snapshot: distribution.snapshot, summary: summary, language: .en)
        #expect(chart.binCenters.count == ReportChartData.bins)
        #expect(chart.beyond >= 1)
        let shown = chart.binShares.reduce(0, +)
        #expect(abs(shown + Double(chart.beyond) / 1_001 - 1) < 1e-9)
        #expect(chart.cdfShares.last == 1)
        #expect(zip(chart.cdfShares, chart.cdfShares.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(chart.cdfValues.last == 100_000)
        #expect((chart.binCenters.last ?? 0) < 1_100, "an outlier does not stretch the bars")
    }

    @Test func scriptSafeJSONNeverHoldsALessThanSign() throws {
        let json = try ReportRenderer.scriptSafeJSON(["text": "</script><!-- <b>"])
        #expect(!json.contains("<"))
        let decoded = try JSONDecoder().decode([String: String].self, from: Data(json.utf8))
        #expect(decoded["text"] == "</script><!-- <b>")
    }
}
