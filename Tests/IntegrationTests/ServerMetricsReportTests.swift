import Foundation
import LLMLoadCore
import LLMLoadReport
import LLMLoadRunner
import LLMLoadSimulator
import LLMLoadTestSupport
import Testing

extension Integration {
    /// The server's charts (its running and waiting requests under the client's in-flight
    /// curve, its token rates, its KV cache) draw in a real browser, in both languages.
    @Suite struct ServerMetricsReportTests {
        @Test(
            .enabled(
                if: Browser.path != nil || Browser.isRequired,
                "needs Chromium (LLMLOAD_REQUIRE_BROWSER=1 makes it required)"))
        func theServersChartsDrawInARealBrowser() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            var simulator = simulatorConfiguration(
                ttftMilliseconds: 20, itlMilliseconds: 5, outputTokens: 20, maximumConcurrency: 2)
            simulator.servesOllama = false
            let (withServer, without) = try await withSimulator(simulator) { baseURL, _ in
                var configuration = harness.configuration(
                    baseURL: baseURL, api: .openAIChat, rate: 1, duration: .milliseconds(1500))
                configuration.load.profile = .closedLoop(users: 5, thinkTime: .zero)
                configuration.monitor = .init(sampleInterval: .milliseconds(100), gpus: .none)
                let withServer = try await harness.run(configuration)
                configuration.monitor.serverMetrics = .off
                return (withServer, try await harness.run(configuration))
            }
            for language in ReportLanguage.allCases {
                let page = try ReportRenderer.render(
                    folder: withServer.folder, language: language,
                    output: withServer.folder.appendingPathComponent("report-\(language.rawValue).html"))
                let plain = try ReportRenderer.render(
                    folder: without.folder, language: language,
                    output: without.folder.appendingPathComponent("report-\(language.rawValue).html"))
                let drawn = try Browser.chartsDrawn(in: page, "\(language)")
                // Queue, server tokens/s, and KV cache: three more than the same run without.
                #expect(try drawn == Browser.chartsDrawn(in: plain, "\(language) off") + 3)
            }
            let dom = try Browser.dumpDOM(of: withServer.folder.appendingPathComponent("report.html"))
            #expect(dom.contains("running and waiting on the server"))
            #expect(dom.contains("Server KV cache and prefix cache"))
        }
    }
}
