import Foundation
import LLMLoadCore
import LLMLoadMetrics
import LLMLoadRunner
import LLMLoadSimulator
import LLMLoadTestSupport
import Testing

extension Integration {
    /// `--server-metrics` against the simulator's `/metrics` (vLLM's names): what the tool
    /// scraped is held to what the simulator served at each scrape, value for value.
    @Suite struct ServerMetricsTests {
        /// Two slots and five users: three requests always wait, so both figures move.
        private func queueingRun(
            _ harness: RunHarness, baseURL: String, source: RunConfiguration.ServerMetricsSource = .auto
        ) async throws -> LoadRun.Result {
            var configuration = harness.configuration(
                baseURL: baseURL, api: .openAIChat, rate: 1, duration: .milliseconds(1500))
            configuration.load.profile = .closedLoop(users: 5, thinkTime: .zero)
            configuration.monitor = .init(sampleInterval: .milliseconds(100), gpus: .none, serverMetrics: source)
            return try await harness.run(configuration)
        }

        private func simulator(servesMetrics: Bool = true) -> SimulatorConfiguration {
            var simulator = simulatorConfiguration(
                ttftMilliseconds: 20, itlMilliseconds: 5, outputTokens: 20, maximumConcurrency: 2)
            simulator.servesOllama = false
            simulator.servesServerState = servesMetrics
            return simulator
        }

        @Test func scrapedRunningAndWaitingAreWhatTheSimulatorServedAtEachScrape() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            let (result, served) = try await withSimulator(simulator()) { baseURL, truth in
                (try await queueingRun(harness, baseURL: baseURL), truth.metricsScrapes)
            }
            let metrics = try #require(result.summary.serverMetrics)
            #expect(metrics.server == "vllm")
            #expect(metrics.failedScrapes == 0, "\(metrics.failure ?? "")")
            // The run's end cancels a scrape in flight: the simulator may have served one page
            // the tool never read, after every page it read.
            #expect([0, 1].contains(served.count - metrics.scrapes), "\(served.count) served, \(metrics.scrapes) read")
            let read = Array(served.prefix(metrics.scrapes))
            #expect(read.count >= 3, "1.5 s at 100 ms")
            #expect(metrics.samples.map(\.requestsRunning) == read.map { Double($0.running) })
            #expect(metrics.samples.map(\.requestsWaiting) == read.map { Double($0.waiting) })
            #expect(read.contains { $0.waiting > 0 }, "the queue formed: the test can tell waiting from nothing")
            #expect(
                metrics.found.contains("kv_cache_usage_percent") && metrics.found.contains("generation_tokens_per_s"))
            #expect(metrics.samples.map(\.tS) == metrics.samples.map(\.tS).sorted())

            // The raw file holds the same values, one line per scrape.
            let raw = try String(
                contentsOf: result.folder.appendingPathComponent("server_metrics.jsonl"), encoding: .utf8)
            let lines = raw.split(separator: "\n")
            #expect(lines.count == read.count)
            let running = try lines.map { line -> Double? in
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                let metrics = object?["metrics"] as? [[String: Any]] ?? []
                return metrics.first { $0["name"] as? String == "vllm:num_requests_running" }?["value"] as? Double
            }
            #expect(running == read.map { Double($0.running) })

            // summary.json and timeseries.csv carry them; the report draws them.
            let summary = try String(data: harness.summaryOnDisk(of: result), encoding: .utf8) ?? ""
            #expect(summary.contains("\"server_metrics\"") && summary.contains("\"requests_waiting\""))
            let header =
                try String(contentsOf: result.folder.appendingPathComponent("timeseries.csv"), encoding: .utf8)
                .split(separator: "\n").first ?? ""
            #expect(
                header.hasSuffix(
                    ",server_requests_running,server_requests_waiting,server_kv_cache_usage_percent,"
                        + "server_prompt_tokens_per_s,server_generation_tokens_per_s"))
            let report = try String(contentsOf: result.folder.appendingPathComponent("report.html"), encoding: .utf8)
            #expect(report.contains("\"requestsWaiting\":["))
        }

        @Test func aServerWithoutMetricsIsAskedOnceAndTheRunGoesOn() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            let (result, served) = try await withSimulator(simulator(servesMetrics: false)) { baseURL, truth in
                (try await queueingRun(harness, baseURL: baseURL), truth.metricsScrapes)
            }
            #expect(served.isEmpty)
            let metrics = try #require(result.summary.serverMetrics)
            #expect(metrics.scrapes == 0 && metrics.failedScrapes == 1)
            #expect(metrics.stoppedBecause?.hasSuffix("answered HTTP 404") == true, "\(metrics)")
            #expect(result.summary.requests.byOutcome["ok", default: 0] > 0)
        }

        /// Ollama has no `/metrics`: its `/api/ps` says which models are loaded and in what memory.
        @Test func ollamaIsPolledForItsLoadedModel() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            var simulator = simulatorConfiguration(ttftMilliseconds: 10, itlMilliseconds: 2, outputTokens: 5)
            simulator.ollamaLoadedModel = OllamaLoadedModel(sizeBytes: 5_000_000_000, vramBytes: 3_000_000_000)
            let result = try await withSimulator(simulator) { baseURL, _ in
                var configuration = harness.configuration(
                    baseURL: baseURL, api: .ollamaGenerate, rate: 10, duration: .milliseconds(800))
                configuration.monitor = .init(sampleInterval: .milliseconds(100), gpus: .none)
                return try await harness.run(configuration)
            }
            let metrics = try #require(result.summary.serverMetrics)
            #expect(metrics.server == "ollama" && metrics.url.hasSuffix("/api/ps"))
            #expect(metrics.scrapes >= 3 && metrics.failedScrapes == 0)
            #expect(metrics.samples.allSatisfy { $0.modelVramBytes == 3e9 && $0.modelSizeBytes == 5e9 })
            #expect(metrics.samples.allSatisfy { $0.modelsLoaded == 1 && $0.requestsRunning == nil })
            let raw = try String(
                contentsOf: result.folder.appendingPathComponent("server_metrics.jsonl"), encoding: .utf8)
            #expect(
                raw.contains(#"{"name":"ollama_model_vram_bytes","labels":{"model":"llmload-sim"},"value":3000000000}"#)
            )
        }

        /// The API key goes to the target's own `/metrics`, never to a metrics URL on another host.
        @Test func theAPIKeyStaysWithTheTarget() {
            var configuration = RunConfiguration(
                target: .init(baseURL: "http://gpu:8000", apiKey: "secret"),
                load: .init(profile: .constant(ratePerSecond: 1), duration: .seconds(1)))
            func headers(_ source: RunConfiguration.ServerMetricsSource) -> [String] {
                configuration.monitor.serverMetrics = source
                return ServerMetricsScraper.make(configuration, api: .openAIChat, model: "m", interval: .seconds(1))?
                    .headers.map(\.0) ?? []
            }
            #expect(headers(.auto) == ["Authorization"])
            #expect(headers(.url("http://GPU:8000/metrics")) == ["Authorization"])
            #expect(headers(.url("http://gpu:9090/metrics")) == [])
            #expect(headers(.url("http://prometheus:8000/metrics")) == [])
            #expect(
                ServerMetricsScraper.make(configuration, api: .openAIChat, model: "m", interval: .seconds(1))?.url
                    == "http://prometheus:8000/metrics")
        }

        @Test func offScrapesNothingAndWritesNoFile() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            let (result, served) = try await withSimulator(simulator()) { baseURL, truth in
                (try await queueingRun(harness, baseURL: baseURL, source: .off), truth.metricsScrapes)
            }
            #expect(served.isEmpty)
            #expect(result.summary.serverMetrics == nil)
            #expect(
                !FileManager.default.fileExists(
                    atPath: result.folder.appendingPathComponent("server_metrics.jsonl").path))
        }
    }
}
