import Foundation
import LLMLoadCore
import LLMLoadMetrics
import Testing

@testable import LLMLoadReport

/// `--lang zh` (or `LANG=zh_*`): the console summary in Chinese, every figure as in English
/// and as in the report.
@Suite struct ConsoleLanguageTests {
    /// `Tests/Fixtures/console-zh.txt` of this checkout (outside the test target, whose manifest
    /// declares no resources). `LLMLOAD_UPDATE_GOLDEN=1` rewrites it from the current output.
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/console-zh.txt")

    /// A fixed summary with every part the console prints: reasoning metrics, resources, a
    /// pre-flight warning, errors, and the warnings they raise.
    static var summary: RunSummary {
        var summary = MetricCatalogueOutputTests.summary
        summary.resources = ResourcesReportTests.resources
        summary.runDescription.preflight = [
            PreflightFinding(.info, "llama.cpp (model m): 2 slots (GET /props)"),
            PreflightFinding(
                .warning, "--concurrency 4 exceeds the server's 2 slots", zh: "--concurrency 4 超过了服务器的 2 个槽位"),
        ]
        summary.errors = [.init(outcome: "http_error", httpStatus: 500, message: "boom", count: 3)]
        return summary
    }

    @Test func theChineseConsoleMatchesItsGoldenFile() throws {
        let text = ConsoleSummary.render(Self.summary, folder: "/tmp/run", language: .zh) + "\n"
        if ProcessInfo.processInfo.environment["LLMLOAD_UPDATE_GOLDEN"] == "1" {
            try text.write(to: Self.golden, atomically: true, encoding: .utf8)
        }
        let golden = try String(contentsOf: Self.golden, encoding: .utf8)
        #expect(text == golden, "LLMLOAD_UPDATE_GOLDEN=1 rewrites Tests/Fixtures/console-zh.txt")
    }

    /// Only names, units and values stay Latin: no English sentence or label is left.
    @Test func theChineseConsoleHasNoEnglishLabels() {
        let text = ConsoleSummary.render(Self.summary, folder: "/tmp/run", language: .zh)
        for english in [
            "Requests", "Rates", "Throughput", "Goodput", "Resources", "Warning", "Errors", "latency over",
            "Results in", "successful requests", "count", "mean", "TTFT ms", "Think tok", "avg", "Memory", "dispatched",
            "samples every",
        ] {
            #expect(!text.contains(english), "\(english)")
        }
        let english = ConsoleSummary.render(Self.summary, folder: "/tmp/run", language: .en)
        #expect(english == ConsoleSummary.render(Self.summary, folder: "/tmp/run"), "English by default")
    }

    /// The monitor's note for a machine without an NVIDIA driver is said in Chinese, its
    /// technical detail kept; English is unchanged.
    @Test func theNoGPUNoteFollowsTheLanguage() {
        var summary = Self.summary
        let note = GPUNote.noDriver + " (libnvidia-ml.so.1: cannot open shared object file)"
        summary.resources?.gpuNote = note
        let zh = ConsoleSummary.render(summary, folder: nil, language: .zh)
        #expect(zh.contains("GPU：未找到 NVIDIA GPU 或驱动，未采集 GPU 指标 (libnvidia-ml.so.1: cannot open shared object file)"))
        #expect(!zh.contains("GPU metrics skipped"))
        #expect(ConsoleSummary.render(summary, folder: nil, language: .en).contains("  GPU: \(note)"))
    }

    /// Each metric's row in the console (either language) holds the figures the report's
    /// percentile table shows for it, and the headline figures agree with the report's cards.
    @Test(arguments: ReportLanguage.allCases)
    func theConsoleAndTheReportAgreeOnEveryFigure(language: ReportLanguage) throws {
        let summary = Self.summary
        let lines = ConsoleSummary.render(summary, folder: nil, language: language).split(separator: "\n")
        let report = ReportTables.percentiles(summary.latency, language)
        var compared = 0
        for row in report {
            let name = try #require(row["name"] as? String)
            let metric = try #require(MetricCatalogue.all.first { $0.title(language) == name })
            guard let label = metric.consoleLabel else { continue }
            let consoleName = language == .zh ? name : label
            let line = try #require(lines.first { $0.hasPrefix(consoleName + " ") }, "\(consoleName)")
            let cells = line.dropFirst(consoleName.count).split(separator: " ").map(String.init)
            let expected = ["count", "mean", "p50", "p90", "p99", "max"].map { row[$0] as? String }
            #expect(cells == expected.compactMap { $0 }, "\(metric.id)")
            compared += 1
        }
        #expect(compared == MetricCatalogue.all.filter { $0.consoleLabel != nil }.count)
        let cards = ReportTables.cards(summary, language).compactMap { $0["value"] as? String }
        let text = lines.joined(separator: "\n")
        for figure in [
            FigureText.percent(summary.requests.successRate), FigureText.number(summary.throughput.requestsPerS, 2),
            FigureText.number(summary.throughput.outputTokensPerS, 1),
        ] {
            #expect(cards.contains(figure) && text.contains(figure), "\(figure)")
        }
    }

    @Test func aPreflightFindingsLevelIsWrittenInTheLanguage() {
        let finding = PreflightFinding(.warning, "--concurrency 4 exceeds the server's 2 slots")
        #expect(finding.line(.zh) == "警告: --concurrency 4 exceeds the server's 2 slots", "no Chinese: the English")
        #expect(finding.line(.en) == finding.line)
        let translated = PreflightFinding(.info, "2 slots", zh: "2 个槽位")
        #expect(translated.line(.zh) == "信息: 2 个槽位" && translated.line(.en) == "info: 2 slots")
    }
}
