import Foundation
import LLMLoadCore
import LLMLoadMetrics
import LLMLoadRunner
import LLMLoadSimulator
import LLMLoadTestSupport
import Testing

@testable import LLMLoadReport

extension Integration {
    /// Every chart the report can draw, in a real browser and in each language: a reasoning
    /// model (thinking and answer time, TTFA and token distributions), prompts of a target
    /// length, schedule lag and latency from schedule, TTFT by conversation turn, and resource
    /// samples with GPU power and temperature and each core's busy share.
    @Suite struct ReportChartsBrowserTests {
        /// Samples every two seconds of the run, one GPU with power and temperature, four cores.
        static func resources(seconds: Int) -> RunSummary.Resources {
            let samples = (0...seconds).map { second in
                var sample = ResourceSample(tS: Double(second), spanS: 1)
                sample.cpuPercent = 40
                sample.cpuPerCorePercent = [10, 20, 70, Double(second * 10 % 100)]
                sample.memoryUsedPercent = 50
                var gpu = GPUReading(index: 0)
                gpu.utilizationPercent = 90
                gpu.memoryUsedPercent = 60
                gpu.powerWatts = 250 + Double(second)
                gpu.temperatureC = 60 + Double(second)
                sample.gpus = [gpu]
                return sample
            }
            return RunSummary.Resources(
                samples: samples, sampleInterval: .seconds(1), gpuNote: nil, process: nil, gpuNames: [0: "H200"],
                measuredWindowS: 0...Double(seconds))
        }

        /// Three conversation turns whose TTFT and prompt grow, as `--turns` records them.
        static func turns() -> [RunSummary.TurnFigures] {
            var statistics = TurnStatistics()
            let start = ContinuousClock.now
            for turn in 1...3 {
                var record = RequestRecord(
                    index: turn, scheduledAt: start, sentAt: start, firstTokenAt: start + .milliseconds(10 * turn),
                    finishedAt: start + .milliseconds(100), outcome: .ok,
                    promptTokens: TokenCount(100 * turn, source: .server))
                record.turn = turn
                statistics.add(record)
            }
            return statistics.figures
        }

        @Test(
            .enabled(
                if: Browser.path != nil || Browser.isRequired,
                "needs Chromium (LLMLOAD_REQUIRE_BROWSER=1 makes it required)"))
        func everyNewChartDrawsInEachLanguage() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            var simulator = simulatorConfiguration(ttftMilliseconds: 20, itlMilliseconds: 2, outputTokens: 12)
            simulator.thinkingTokens = 5
            simulator.reasoningStyle = .inline
            let result = try await withSimulator(simulator) { baseURL, _ in
                var configuration = harness.configuration(
                    baseURL: baseURL, api: .openAIChat, rate: 20, duration: .seconds(1))
                configuration.requests.prompts = .synthetic(.init(length: .fixed(200)))
                return try await harness.run(configuration)
            }
            var summary = result.summary
            summary.resources = Self.resources(seconds: 2)
            summary.turns = Self.turns()
            #expect(summary.latency[.timeToFirstAnswerToken] != nil && summary.latency[.thinkingTokens] != nil)
            for language in ReportLanguage.allCases {
                let page = try ReportRenderer.render(
                    folder: result.folder, language: language, summary: summary,
                    output: result.folder.appendingPathComponent("report-\(language.rawValue).html"))
                let dom = try Browser.dumpDOM(of: page)
                let body = Browser.bodyAttributes(dom)
                #expect(body["data-status"] == "ok", "\(language): \(body)")
                #expect(body["data-charts-drawn"] == body["data-charts-expected"])
                let titles = [
                    "chart_schedule_lag", "chart_from_schedule", "chart_reasoning", "chart_input_tokens",
                    "chart_gpu_power", "chart_cpu_cores", "lag_threshold", "chart_turns",
                ].map { ReportText.label($0, language) }
                let metricTitles = [Metric.timeToFirstAnswerToken, .thinkingTokens, .answerTokens, .answerDecodeSpeed]
                    .map { $0.title(language) }
                for title in titles + metricTitles {
                    #expect(dom.contains(title), "\(language): no chart titled \(title)")
                }
                // The reasoning cards lead with the time to the first answer token.
                #expect(dom.contains(ReportText.label("ttfa_p50", language)))
            }
        }
    }
}
