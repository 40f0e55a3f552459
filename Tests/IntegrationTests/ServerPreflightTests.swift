import Foundation
import LLMLoadCore
import LLMLoadRunner
import LLMLoadSimulator
import LLMLoadTestSupport
import Logging
import Synchronization
import Testing

extension Integration {
    /// The pre-flight check against the simulator's `/props`, `/slots`, `/api/ps` and
    /// `/api/show`: what it finds, what it prints, and that it sends no generation request.
    @Suite struct ServerPreflightTests {
        /// Runs `configuration` and returns its result (or error) with the lines it printed.
        private func run(_ configuration: RunConfiguration) async -> (Result<LoadRun.Result, any Error>, [String]) {
            let lines = Mutex<[String]>([])
            var logger = Logger(label: "test")
            logger.logLevel = .critical
            let run = LoadRun(
                configuration: configuration, logger: logger, notify: { line in lines.withLock { $0.append(line) } })
            do {
                return (.success(try await run.run()), lines.withLock { $0 })
            } catch {
                return (.failure(error), lines.withLock { $0 })
            }
        }

        private func closedLoop(
            _ harness: RunHarness, baseURL: String, api: APIKind, users: Int
        ) -> RunConfiguration {
            var configuration = harness.configuration(
                baseURL: baseURL, api: api, rate: 1, duration: .milliseconds(300))
            configuration.load.profile = .closedLoop(users: users, thinkTime: .zero)
            return configuration
        }

        /// A quick simulator (4 tokens, 1 ms apart); `llamaCpp`: the OpenAI API alone, with `/props`.
        private func quickSimulator(maximumConcurrency: Int? = nil, llamaCpp: Bool) -> SimulatorConfiguration {
            var simulator = simulatorConfiguration(
                ttftMilliseconds: 5, itlMilliseconds: 1, outputTokens: 4, maximumConcurrency: maximumConcurrency)
            simulator.servesOllama = !llamaCpp
            return simulator
        }

        @Test func moreUsersThanLlamaCppSlotsIsAWarningNamingTheSlotsAndIsStored() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            let simulator = quickSimulator(maximumConcurrency: 2, llamaCpp: true)
            let (result, lines) = try await withSimulator(simulator) { baseURL, _ in
                await run(closedLoop(harness, baseURL: baseURL, api: .openAIChat, users: 4))
            }
            let warning = "warning: --concurrency 4 exceeds the server's 2 slots"
            #expect(lines.contains { $0.contains(warning) }, "\(lines)")
            #expect(lines.contains { $0.contains("info: llama.cpp (model llmload-sim): 2 slots, 4096 tokens") })
            let description = try result.get().summary.runDescription
            let stored = try #require(description.preflight)
            #expect(stored.contains { $0.level == .warning && $0.line.hasPrefix(warning) }, "\(stored)")
            let onDisk = try RunDescription.decode(
                Data(contentsOf: try result.get().folder.appendingPathComponent("config.json")))
            #expect(onDisk.preflight == stored, "config.json holds the same findings")
            let report = try String(
                contentsOf: try result.get().folder.appendingPathComponent("report.html"), encoding: .utf8)
            #expect(report.contains("Pre-flight check of the server"))
            #expect(report.contains("<li class=\"warn\"><strong>warning</strong> --concurrency 4 exceeds the server"))
        }

        @Test func promptAndAnswerLongerThanTheContextPerSlotIsAWarning() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            var simulator = quickSimulator(llamaCpp: true)
            simulator.slotContextLength = 1000
            let (_, lines) = try await withSimulator(simulator) { baseURL, _ in
                var configuration = closedLoop(harness, baseURL: baseURL, api: .openAIChat, users: 1)
                configuration.requests.prompts = .synthetic(.init(length: .fixed(900)))
                configuration.requests.maxOutputTokens = 200
                return await run(configuration)
            }
            #expect(
                lines.contains {
                    $0.contains(
                        "warning: the longest prompt (900 tokens) + --max-tokens 200 = 1100 tokens exceed llama.cpp's context per slot of 1000 tokens"
                    )
                }, "\(lines)")
        }

        @Test func strictPreflightStopsOnAWarningBeforeAnyGenerationRequest() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            let simulator = quickSimulator(maximumConcurrency: 2, llamaCpp: true)
            let (result, truths) = try await withSimulator(simulator) { baseURL, truth in
                var configuration = closedLoop(harness, baseURL: baseURL, api: .openAIChat, users: 4)
                configuration.isStrictPreflight = true
                return (await run(configuration).0, truth.all)
            }
            guard case .failure(let error) = result, case RunError.preflight(let warnings) = error else {
                Issue.record("not stopped by the pre-flight check: \(result)")
                return
            }
            #expect(warnings.count == 1 && warnings[0].contains("2 slots"), "\(warnings)")
            #expect(truths.isEmpty, "generation requests reached the server: \(truths.count)")
            let folders = (try? FileManager.default.contentsOfDirectory(atPath: harness.output.path)) ?? []
            #expect(folders.isEmpty, "a run folder before the load: \(folders)")
        }

        @Test func aServerWithoutTheEndpointsGetsOneUnavailableLineEachAndStillItsLoad() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            var simulator = quickSimulator(llamaCpp: true)
            simulator.servesServerState = false
            let (result, lines) = try await withSimulator(simulator) { baseURL, _ in
                await run(closedLoop(harness, baseURL: baseURL, api: .openAIChat, users: 1))
            }
            let unavailable = lines.filter { $0.contains("unavailable:") }
            #expect(
                unavailable == [
                    "  unavailable: llama.cpp slots and context per slot: GET /props answered HTTP 404 (not llama.cpp?)",
                    "  unavailable: context length: GET /v1/models answered without the expected fields (no max_model_len: "
                        + "not vLLM?); GET /get_server_info answered HTTP 404; GET /info answered HTTP 404 (not SGLang or TGI?)",
                ], "\(lines)")
            #expect(try result.get().summary.requests.byOutcome["ok"] ?? 0 > 0)
        }

        @Test func ollamaNotLoadedWarnsAndTheContextSaysWhereItComesFrom() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            var simulator = quickSimulator(llamaCpp: false)
            simulator.ollamaLoadedModel = nil
            simulator.ollamaContextLength = 512
            let (_, lines) = try await withSimulator(simulator) { baseURL, _ in
                var configuration = closedLoop(harness, baseURL: baseURL, api: .ollamaGenerate, users: 1)
                configuration.requests.maxOutputTokens = 600
                return await run(configuration)
            }
            let expected = [
                "  warning: llmload-sim is not loaded (GET /api/ps): the first requests include its load time; "
                    + "--warmup-requests 1 leaves them out of the figures",
                "  info: Ollama context: 512 tokens per request (the model's num_ctx parameter; the model was trained for 131072)",
                "  warning: --max-tokens 600 exceeds Ollama's context of 512 tokens: "
                    + "Ollama cuts the prompt silently (--num-ctx to raise it)",
            ]
            for line in expected { #expect(lines.contains(line), "\(line) not in \(lines)") }
            #expect(lines.contains { $0.contains("OLLAMA_NUM_PARALLEL") })
        }

        @Test func ollamaPartlyOnTheCPUWarns() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            var simulator = quickSimulator(llamaCpp: false)
            simulator.ollamaLoadedModel = OllamaLoadedModel(sizeBytes: 5_000_000_000, vramBytes: 3_000_000_000)
            let (_, lines) = try await withSimulator(simulator) { baseURL, _ in
                await run(closedLoop(harness, baseURL: baseURL, api: .ollamaGenerate, users: 1))
            }
            #expect(
                lines.contains {
                    $0.hasPrefix("  warning: only 60 % of llmload-sim (3.0 GB of 5.0 GB) is in GPU memory")
                }, "\(lines)")
        }
    }
}
