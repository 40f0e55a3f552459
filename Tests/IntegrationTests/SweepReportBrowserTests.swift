import Foundation
import LLMLoadCore
import LLMLoadMetrics
import LLMLoadReport
import LLMLoadTestSupport
import Testing

extension Integration {
    /// The sweep's `report.html` in a real browser, offline, as ``ReportTests`` does for a run's.
    @Suite struct SweepReportBrowserTests {
        @Test(
            .enabled(
                if: Browser.path != nil || Browser.isRequired,
                "needs Chromium (LLMLOAD_REQUIRE_BROWSER=1 makes it required)"),
            arguments: [true, false])
        func everySweepChartDrawsInARealBrowserWithoutTheNetwork(hasGPU: Bool) throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                "llmload-sweep-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            for mode in [SweepSummary.Mode.findMaxRate, .concurrencies] {
                for language in ReportLanguage.allCases {
                    let summary = SweepFixture.summary(hasGPU: hasGPU, mode: mode)
                    let page = try SweepReportRenderer.render(folder: folder, summary: summary, language: language)
                    let body = Browser.bodyAttributes(try Browser.dumpDOM(of: page))
                    #expect(body["data-status"] == "ok", "\(mode) \(language): \(body)")
                    #expect(body["data-errors"] == "")
                    // TTFT, E2E, ITL and TPOT against load; throughput, tokens, goodput and
                    // errors, the trade-off; and the GPU chart when there are GPU figures.
                    #expect(body["data-charts-expected"] == (hasGPU ? "9" : "8"), "\(mode) \(language)")
                    #expect(body["data-charts-drawn"] == body["data-charts-expected"])
                }
            }
        }
    }
}
