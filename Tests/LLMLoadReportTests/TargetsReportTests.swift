import Foundation
import LLMLoadCore
import LLMLoadMetrics
import Testing

@testable import LLMLoadReport

/// A run over two replicas: its per-target figures in `summary.json`, the report's table and
/// the console's lines, in both languages, all from the same summaries.
@Suite struct TargetsReportTests {
    private static let origin = ContinuousClock.now

    /// Request `index` to replica `target`: TTFT 100 ms on replica 0, 300 ms on replica 1.
    private static func record(_ index: Int, target: Int, outcome: RequestOutcome = .ok) -> RequestRecord {
        let scheduled = origin + .milliseconds(100 * index)
        let first = scheduled + .milliseconds(target == 0 ? 100 : 300)
        var record = RequestRecord(
            index: index, scheduledAt: scheduled, sentAt: scheduled, firstTokenAt: outcome == .ok ? first : nil,
            finishedAt: first + .milliseconds(200),
            interTokenGapsNanoseconds: outcome == .ok ? [100_000_000, 100_000_000] : [],
            outcome: outcome, httpStatus: outcome == .ok ? 200 : 500, textChunks: 3,
            outputTokens: TokenCount(3, source: .server), promptTokens: TokenCount(10, source: .server))
        record.targetIndex = target
        return record
    }

    private static let summary: RunSummary = {
        var run = Aggregator()
        var byTarget = [Aggregator(), Aggregator()]
        // Replica 1 fails one request of its four.
        for index in 0..<8 {
            let sent = Self.record(index, target: index % 2, outcome: index == 7 ? .httpError : .ok)
            run.add(sent)
            byTarget[sent.targetIndex].add(sent)
        }
        var description = SummaryWriterTests.runDescription
        description.target.replicas = [
            .init(number: 1, url: "http://127.0.0.1:8001"), .init(number: 2, url: "http://127.0.0.1:8002"),
        ]
        description.target.balance = "round-robin"
        let window = RunSummary.Run(
            startedAt: "2026-11-29T15:00:00Z", endedAt: "2026-11-29T15:00:10Z", interrupted: false,
            stopReason: "duration_reached", windowS: 2, drainCancelledInFlight: false)
        var summary = RunSummary(aggregator: run, runDescription: description, run: window)
        summary.targets = zip(description.target.replicas!, byTarget).map {
            RunSummary.TargetFigures(
                number: $0.number, url: $0.url, aggregator: $1, runDescription: description, run: window)
        }
        return summary
    }()

    @Test func eachTargetHasTheRunsFiguresOverItsOwnRequests() throws {
        let targets = try #require(Self.summary.targets)
        #expect(targets.map(\.requests.total) == [4, 4])
        #expect(targets[0].requests.byOutcome["ok"] == 4 && targets[1].requests.byOutcome["http_error"] == 1)
        #expect(targets[0].latency[.timeToFirstToken]?.max == 100 && targets[1].latency[.timeToFirstToken]?.min == 300)
        #expect(targets[1].latency[.timeToFirstToken]?.count == 3, "a failed request has no latency")
        // Over the run's window: the replicas' rates add up to the run's.
        #expect(targets.compactMap(\.throughput.requestsPerS) == [2, 1.5])
        #expect(Self.summary.throughput.requestsPerS == 3.5)
        let json = String(decoding: try SummaryWriter.encode(Self.summary), as: UTF8.self)
        #expect(json.contains("\"targets\" : [") && json.contains("\"balance\" : \"round-robin\""))
        #expect(try SummaryWriter.decode(try SummaryWriter.encode(Self.summary)) == Self.summary)
    }

    @Test(arguments: [(ReportLanguage.en, "Per target", "Success rate"), (.zh, "各目标", "成功率")])
    func theReportHasATableOfTargets(language: ReportLanguage, title: String, column: String) throws {
        let html = try ReportRenderer.render(
            ReportInput(summary: Self.summary, points: .init(), responses: []), language: language, pointLimit: 100)
        #expect(html.contains("<h2>\(title)</h2>") && html.contains("<th>\(column)</th>"))
        #expect(
            html.contains("<tr><td>2</td><td>http://127.0.0.1:8002</td><td>4</td><td>3</td><td>1</td><td>75.0 %</td>"))
        #expect(html.contains("<td>100.0 / 100.0 / 100.0</td>") && html.contains("<td>300.0 / 300.0 / 300.0</td>"))
        #expect(html.contains("http://127.0.0.1:8001, http://127.0.0.1:8002"), "the facts list every replica")
    }

    @Test func aSingleServerHasNoTable() throws {
        let html = try ReportRenderer.render(
            ReportInput(summary: SummaryWriterTests.summary, points: .init(), responses: []), language: .en,
            pointLimit: 100)
        #expect(!html.contains("class=\"targets\""))
        #expect(!ConsoleSummary.render(SummaryWriterTests.summary, folder: nil).contains("Per target"))
    }

    @Test func theConsoleHasALinePerTargetInEitherLanguage() {
        let en = ConsoleSummary.render(Self.summary, folder: nil, language: .en)
        #expect(en.contains("Per target (round-robin, no re-routing)"))
        #expect(
            en.contains(
                "  2 http://127.0.0.1:8002: 4 requests, 3 ok (75.0 %), 1.50 req/s, 4.5 tok/s; TTFT P50/P99 300.0/300.0 ms"
            ))
        let zh = ConsoleSummary.render(Self.summary, folder: nil, language: .zh)
        #expect(zh.contains("各目标（round-robin，请求不改发）"))
        #expect(zh.contains("  1 http://127.0.0.1:8001：请求 4，成功 4（100.0 %），2.00 请求/秒"))
    }
}
