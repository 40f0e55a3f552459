import LLMLoadCore
import LLMLoadMetrics
import Testing

@testable import LLMLoadReport

/// The pre-flight findings of a run's description in `report.html` (one block, the level in
/// the page's language) and, for warnings, under the console summary.
@Suite struct PreflightReportTests {
    private static var summary: RunSummary {
        var summary = SummaryWriterTests.summary
        summary.runDescription.preflight = [
            PreflightFinding(.info, "llama.cpp (model m): 2 slots, 4096 tokens of context per slot (GET /props)"),
            PreflightFinding(.warning, "--concurrency 4 exceeds the server's 2 slots"),
            PreflightFinding(.unavailable, "slots busy now: GET /slots answered HTTP 501"),
        ]
        return summary
    }

    @Test(arguments: [(ReportLanguage.en, "Pre-flight check of the server", "warning"), (.zh, "服务器预检", "警告")])
    func theReportShowsOneBlockWithTheLevelsInItsLanguage(language: ReportLanguage, title: String, level: String)
        throws
    {
        let html = try ReportRenderer.render(
            ReportInput(summary: Self.summary, points: .init(), responses: []), language: language, pointLimit: 100)
        #expect(html.components(separatedBy: "<section class=\"preflight\">").count == 2)
        #expect(html.contains("<h2>\(title)</h2>"))
        #expect(html.contains("<li class=\"warn\"><strong>\(level)</strong> --concurrency 4 exceeds the server&#39;s"))
    }

    @Test func aRunWithoutFindingsHasNoBlock() throws {
        let html = try ReportRenderer.render(
            ReportInput(summary: SummaryWriterTests.summary, points: .init(), responses: []), language: .en,
            pointLimit: 100)
        #expect(!html.contains("class=\"preflight\""))
    }

    @Test func theConsoleSummaryRepeatsOnlyTheWarnings() {
        let lines = ConsoleSummary.render(Self.summary, folder: nil).split(separator: "\n")
        #expect(
            lines.filter { $0.contains("pre-flight") } == [
                "Warning (pre-flight): --concurrency 4 exceeds the server's 2 slots"
            ])
    }
}
