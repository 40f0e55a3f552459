import Foundation
import LLMLoadCore
import LLMLoadMetrics
import LLMLoadReport

/// A run folder written by the real writers from hand-made records, for the report's tests.
struct ReportFolderFixture {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("llmload-report-\(UUID().uuidString)")
    let origin = ContinuousClock.now

    static let awkwardAnswer = "Use <script>alert(\"pwned\")</script> & 'quotes', commas,\nnew lines — 中文回答。"

    /// A successful request `index`, scheduled every 50 ms, TTFT 100 + index ms.
    func record(_ index: Int, outcome: RequestOutcome = .ok, isWarmup: Bool = false) -> RequestRecord {
        let scheduled = origin + .milliseconds(50 * index)
        let first = scheduled + .milliseconds(100 + index)
        return RequestRecord(
            index: index, isWarmup: isWarmup, scheduledAt: scheduled, sentAt: scheduled,
            firstTokenAt: outcome == .ok ? first : nil, finishedAt: first + .milliseconds(300),
            interTokenGapsNanoseconds: outcome == .ok ? [10_000_000, 10_000_000] : [],
            outcome: outcome, httpStatus: outcome == .httpError ? 500 : 200,
            errorMessage: outcome == .ok ? nil : "boom <b>bold</b>", finishReason: outcome == .ok ? "stop" : nil,
            textChunks: 3, outputTokens: TokenCount(3, source: .server), promptTokens: TokenCount(12, source: .server),
            responseText: index == 0 ? Self.awkwardAnswer : "answer \(index)"
        )
    }

    /// Writes `count` requests (one failing in ten) with every file a run writes but report.html.
    func write(count: Int, warmup: Int = 0) throws -> RunSummary {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        let run = RunFolder(url: url)
        let csv = RequestsCSVWriter(url: run.file("requests.csv"), origin: origin)
        let responses = ResponsesWriter(folder: run, origin: origin)
        var aggregator = Aggregator(objectives: nil)
        var series = TimeSeries(origin: origin)
        for index in 0..<count {
            let r = record(index, outcome: index % 10 == 9 ? .httpError : .ok, isWarmup: index < warmup)
            csv.append(r)
            responses.append(r, prompt: "prompt \(index), \"quoted\"")
            aggregator.add(r)
            series.add(r)
        }
        csv.close()
        responses.close()
        var summary = SummaryWriterTests.summary
        summary.requests.total = count - warmup
        summary.requests.warmup = warmup
        let ok = aggregator.distributions["e2e_ms"]?.count ?? 0
        let failed = count - warmup - ok
        summary.requests.byOutcome = ["ok": ok, "http_error": failed]
        summary.requests.byHttpStatus = ["200": ok, "500": failed]
        summary.errors = [.init(outcome: "http_error", httpStatus: 500, message: "boom <b>bold</b>", count: failed)]
        summary.histograms = aggregator.distributions.mapValues(\.snapshot)
        for metric in [Metric.timeToFirstToken, .endToEndLatency, .interTokenLatency] {
            summary.latency[metric] = aggregator[metric].summary
        }
        summary.timeseries = series.buckets()
        try SummaryWriter.write(summary, to: run.file("summary.json"))
        return summary
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}
