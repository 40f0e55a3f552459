import Foundation
import LLMLoadCore
import LLMLoadMetrics
import Testing

@testable import LLMLoadReport

/// Every output that lists metrics takes them from ``MetricCatalogue``: a metric added there
/// shows in `summary.json`, the console, the report's table and charts, and `requests.csv`.
@Suite struct MetricCatalogueOutputTests {
    /// The shared fixture summary with every catalogue metric measured on a few requests.
    static let summary: RunSummary = {
        let start = ContinuousClock.now
        var aggregator = Aggregator()
        for index in 0..<5 {
            let sent = start + .milliseconds(index * 10 + 1)
            var record =
                RequestRecord(
                    index: index, scheduledAt: start + .milliseconds(index * 10), sentAt: sent,
                    firstTokenAt: sent + .milliseconds(100 + index), firstAnswerTokenAt: sent + .milliseconds(150),
                    finishedAt: sent + .milliseconds(500 + index * 7),
                    interTokenGapsNanoseconds: Array(repeating: 40_000_000 + Int64(index), count: 9), outcome: .ok,
                    outputTokens: TokenCount(10, source: .server), promptTokens: TokenCount(20, source: .server),
                    serverTimings: ServerTimings(
                        totalDurationNanoseconds: 490_000_000, promptEvalDurationNanoseconds: 90_000_000,
                        evalDurationNanoseconds: 380_000_000),
                    responseText: "answer", reasoningText: "thought")
            // Under --max-in-flight, waited for a slot until just before the send.
            record.clientQueueEndedAt = sent - .microseconds(500)
            record.thinkingTokens = TokenCount(2 + index, source: .estimated)
            record.answerTokens = TokenCount(8 - index, source: .estimated)
            aggregator.add(record)
        }
        var summary = SummaryWriterTests.summary
        summary.latency.summaries = aggregator.distributions.compactMapValues(\.summary)
        summary.histograms = aggregator.distributions.mapValues(\.snapshot)
        return summary
    }()

    @Test func everyMetricIsMeasuredInTheFixture() {
        #expect(Set(Self.summary.latency.summaries.keys) == Set(MetricCatalogue.all.map(\.id)))
    }

    @Test func summaryJSONHasOneLatencyMemberPerMetricAndReadsBack() throws {
        let data = try SummaryWriter.encode(Self.summary)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let latency = try #require(object["latency"] as? [String: Any])
        #expect(Set(latency.keys) == Set(["population"] + MetricCatalogue.all.map(\.id)))
        let histograms = try #require(object["histograms"] as? [String: Any])
        #expect(Set(histograms.keys) == Set(MetricCatalogue.all.map(\.id)))
        #expect(try SummaryWriter.decode(data) == Self.summary)
    }

    @Test func aSummaryWithoutAMetricOrWithAnUnknownOneStillReads() throws {
        var object = try #require(
            try JSONSerialization.jsonObject(with: SummaryWriter.encode(Self.summary)) as? [String: Any])
        var latency = try #require(object["latency"] as? [String: Any])
        latency["tpot_ms"] = nil
        latency["some_future_metric_ms"] = latency["e2e_ms"]
        object["latency"] = latency
        let decoded = try SummaryWriter.decode(JSONSerialization.data(withJSONObject: object))
        #expect(decoded.latency[.timePerOutputToken] == nil)
        #expect(decoded.latency[.endToEndLatency] == Self.summary.latency[.endToEndLatency])
        #expect(decoded.latency.summaries.count == MetricCatalogue.all.count - 1)
    }

    @Test func theConsoleHasARowForEveryMetricWithAConsoleLabelInCatalogueOrder() throws {
        let lines = ConsoleSummary.render(Self.summary, folder: nil).split(separator: "\n").map(String.init)
        let header = try #require(lines.firstIndex { $0.hasPrefix(" ") && $0.contains("count") })
        let labels = MetricCatalogue.all.compactMap(\.consoleLabel)
        #expect(
            labels == [
                "TTFT ms", "TTFA ms", "Think ms", "E2E ms", "ITL ms", "TPOT ms", "Decode tok/s", "Lag ms",
                "Server tok/s", "Srv prompt ms", "Overhead ms", "Queue ms", "Think tok", "Answer tok", "Answer ms",
                "Answer tok/s",
            ])
        for (offset, label) in labels.enumerated() {
            let row = lines[header + 1 + offset]
            #expect(row.hasPrefix(label + " "), "\(row)")
            let metric = try #require(MetricCatalogue.all.first { $0.consoleLabel == label })
            #expect(row.hasSuffix(FigureText.number(Self.summary.latency[metric]?.max, 2)), "\(row)")
        }
        #expect(lines[header + 1 + labels.count].hasPrefix("(latency over "))
    }

    /// A model that does not reason has no thinking time: no row of dashes for it, on the
    /// console or in the report; every other metric keeps its row even when absent.
    @Test func anOptionalMetricShowsOnlyWhenMeasured() {
        var summary = Self.summary
        for metric in MetricCatalogue.all where metric.isOptional { summary.latency[metric] = nil }
        summary.latency[.timePerOutputToken] = nil
        let console = ConsoleSummary.render(summary, folder: nil)
        #expect(!console.contains("Think ms") && !console.contains("TTFA ms") && console.contains("TPOT ms"))
        #expect(!console.contains("Think tok") && !console.contains("Answer"))
        let names = ReportTables.percentiles(summary.latency, .en).compactMap { $0["name"] as? String }
        #expect(!names.contains(Metric.thinkingDuration.title(.en)))
        #expect(names.contains(Metric.timePerOutputToken.title(.en)))
        let optional = MetricCatalogue.all.filter(\.isOptional).count
        #expect(optional == 11)
        #expect(
            ReportTables.percentiles(RunSummary.Latency(population: "none"), .en).count
                == MetricCatalogue.all.count - optional)
    }

    @Test(arguments: ReportLanguage.allCases)
    func theReportTableHasEveryMetricInItsLanguage(language: ReportLanguage) {
        let rows = ReportTables.percentiles(Self.summary.latency, language)
        #expect(rows.map { $0["name"] as? String } == MetricCatalogue.all.map { $0.title(language) })
        for metric in MetricCatalogue.all {
            #expect(ReportText.label(metric.id, language) == metric.title(language), "a page label hides \(metric.id)")
        }
        let empty = ReportTables.percentiles(RunSummary.Latency(population: "none"), language)
        #expect(!empty.isEmpty && empty.allSatisfy { $0["count"] as? String == "0" && $0["p99"] as? String == "–" })
    }

    @Test func theReportChartsEveryChartedMetric() {
        let input = ReportInput(summary: Self.summary, points: .init(), responses: [])
        let charts = ReportChartData(input: input, language: .zh, pointLimit: 100).distributions
        #expect(
            charts.map(\.key) == [
                "ttft_ms", "time_to_first_answer_token_ms", "thinking_ms", "e2e_ms", "itl_ms", "tpot_ms",
                "decode_speed_tokens_per_s", "server_decode_speed_tokens_per_s", "client_overhead_ms",
                "client_queue_ms",
                "thinking_tokens", "answer_tokens", "answer_ms", "answer_decode_speed_tokens_per_s",
            ])
        #expect(charts.map(\.key) == MetricCatalogue.all.filter(\.isCharted).map(\.id))
        #expect(
            charts.map(\.unit) == [
                "ms", "ms", "ms", "ms", "ms", "ms", "tokens/s", "tokens/s", "ms", "ms", "tokens", "tokens", "ms",
                "tokens/s",
            ])
        #expect(charts.first?.title == "首 token 延迟（毫秒）")
    }

    @Test func theCSVHeaderIsStableAndHasEveryMetricOnce() {
        // Golden: columns are found by name and by position; a new one goes at the end.
        #expect(
            RequestsCSVWriter.line(RequestsCSVWriter.columns)
                == "index,phase,outcome,http_status,error,scheduled_ms,sent_ms,schedule_lag_ms,response_head_ms,"
                + "first_token_ms,finished_ms,ttft_ms,time_to_first_answer_token_ms,e2e_ms,latency_from_schedule_ms,"
                + "tpot_ms,mean_itl_ms,decode_tokens_per_s,output_tokens,output_tokens_source,prompt_tokens,"
                + "prompt_tokens_source,target_prompt_tokens,text_chunks,finish_reason,response_chars,reasoning_chars,"
                + "server_total_duration_ms,server_load_duration_ms,server_prompt_eval_duration_ms,"
                + "server_eval_duration_ms,server_decode_tokens_per_s,server_prompt_tokens_per_s,client_overhead_ms,"
                + "thinking_ms,thinking_tokens,thinking_tokens_source,answer_tokens,answer_tokens_source,answer_ms,"
                + "answer_decode_tokens_per_s,client_queue_ms,cached_prompt_tokens,target,conversation,turn\n")
        for metric in MetricCatalogue.all {
            #expect(RequestsCSVWriter.columns.filter { $0 == metric.column }.count == 1, "\(metric.column)")
            #expect(RequestsCSVWriter.fields.first { $0.column == metric.column }?.metricID == metric.id)
        }
    }
}
