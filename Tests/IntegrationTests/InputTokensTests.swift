import Foundation
import LLMLoadCore
import LLMLoadMetrics
import LLMLoadReport
import LLMLoadRunner
import LLMLoadSimulator
import LLMLoadTestSupport
import Testing

extension Integration {
    /// `--input-tokens` against the simulator, whose tokenizer is not proportional to the text
    /// and whose record says how many prompt tokens each request really had.
    @Suite struct InputTokensTests {
        func responses(_ result: LoadRun.Result) throws -> [ResponseEntry] {
            try String(contentsOf: result.folder.appendingPathComponent("responses.jsonl"), encoding: .utf8)
                .split(separator: "\n").map { try JSONDecoder().decode(ResponseEntry.self, from: Data($0.utf8)) }
        }

        @Test func ollamaPromptsAreFittedWithOneTokenRequestsAndGetRoomInTheContextWindow() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            var simulator = simulatorConfiguration(ttftMilliseconds: 5, itlMilliseconds: 1, outputTokens: 4)
            // Ollama's default window would cut a 1500-token prompt: only a num_ctx sent with
            // every request (the calibration's too) lets the prompts through whole.
            simulator.ollamaContextLength = 512
            let (result, truths, all) = try await withSimulator(simulator) { baseURL, log in
                var configuration = harness.configuration(
                    baseURL: baseURL, api: .ollamaGenerate, rate: 20, duration: .milliseconds(500))
                configuration.requests.prompts = .synthetic(.init(length: .fixed(1500)))
                configuration.requests.maxOutputTokens = 4
                let result = try await harness.run(configuration)
                return (result, log.byRequestIndex, log.all)
            }
            #expect(truths.count == 10)
            for (index, truth) in truths {
                #expect(abs(truth.promptTokens - 1500) <= 4, "request \(index) had \(truth.promptTokens) prompt tokens")
                #expect(!truth.isPromptCut)
            }
            let rows = try harness.rows(of: result)
            #expect(rows.allSatisfy { $0["target_prompt_tokens"] == "1500" })
            #expect(rows.allSatisfy { $0["prompt_tokens"] == String(truths[Int($0["index"]!)!]!.promptTokens) })
            let input = try #require(result.summary.inputTokens)
            #expect(result.summary.runDescription.requests.inputTokens == "1500")
            #expect(input.requests == 10 && input.withinTolerance == 10)
            let calibration = try #require(result.summary.runDescription.inputCalibration)
            #expect(calibration.method == "generation")
            #expect(result.summary.runDescription.requests.numCtx == 1792, "1500 + 4 + 64 rounded up to 256")
            #expect(calibration.serverCounts == all.count - truths.count, "every other request was a count")
            let config = try RunDescription.decode(
                Data(contentsOf: result.folder.appendingPathComponent("config.json")))
            #expect(config.requests.numCtx == 1792 && config.inputCalibration == calibration)
        }

        @Test(arguments: [TokenizeDialect.llamaCpp, .vLLM, nil])
        func openAIPromptsOfARangeWithASharedPrefix(_ dialect: TokenizeDialect?) async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            var simulator = simulatorConfiguration(ttftMilliseconds: 5, itlMilliseconds: 1, outputTokens: 4)
            simulator.tokenizeEndpoint = dialect
            let (result, truths) = try await withSimulator(simulator) { baseURL, log in
                var configuration = harness.configuration(
                    baseURL: baseURL, api: .openAIChat, rate: 40, duration: .milliseconds(500))
                configuration.requests.prompts = .synthetic(.init(length: .uniform(300, 900), sharedPrefixTokens: 200))
                configuration.requests.maxOutputTokens = 4
                let result = try await harness.run(configuration)
                return (result, log.byRequestIndex)
            }
            #expect(truths.count == 20)
            let entries = try responses(result)
            var targets: Set<Int> = []
            for entry in entries {
                let target = try #require(entry.targetPromptTokens)
                targets.insert(target)
                let truth = try #require(truths[entry.index])
                #expect(
                    abs(truth.promptTokens - target) <= 3, "request \(entry.index): \(truth.promptTokens) for \(target)"
                )
                #expect((300...900).contains(target))
            }
            #expect(targets.count > 5, "lengths vary over the range")
            let prefixes = Set(entries.map { $0.prompt.components(separatedBy: "\n\n[").first ?? "" })
            #expect(prefixes.count == 1, "every prompt starts with the same text, then its tag")
            let shared = try #require(prefixes.first)
            #expect(abs(SimulatedTokenizer.count(shared) - 200) <= 2)
            let calibration = try #require(result.summary.runDescription.inputCalibration)
            #expect(calibration.method == (dialect == nil ? "generation" : "tokenize"))
            #expect(
                calibration.templateOverheadTokens == (dialect == nil ? nil : 8), "start token + 4 + 3 for one turn")
            #expect(result.summary.runDescription.requests.numCtx == nil, "num_ctx is Ollama's")
            #expect(result.summary.inputTokens?.withinTolerance == 20)
        }

        @Test func aServerThatCutsLongPromptsStopsTheRunBeforeAnyLoad() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            var simulator = simulatorConfiguration(ttftMilliseconds: 5, itlMilliseconds: 1, outputTokens: 4)
            simulator.ollamaModelContextLimit = 1000
            let truths = try await withSimulator(simulator) { baseURL, log in
                var configuration = harness.configuration(
                    baseURL: baseURL, api: .ollamaChat, rate: 20, duration: .milliseconds(500))
                configuration.requests.prompts = .synthetic(.init(length: .fixed(2048)))
                await #expect {
                    try await harness.run(configuration)
                } throws: { error in
                    "\(error)".contains("at most 1000") && "\(error)".contains("cuts longer prompts")
                }
                return log.byRequestIndex
            }
            #expect(truths.isEmpty, "no request of the load was sent")
            let folders = (try? FileManager.default.contentsOfDirectory(atPath: harness.output.path)) ?? []
            #expect(folders.isEmpty, "no run folder")
        }

        @Test func aMissingCorpusStopsTheRunBeforeAnyRequest() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            var configuration = harness.configuration(baseURL: "http://127.0.0.1:9", rate: 1, duration: .seconds(1))
            configuration.requests.prompts = .synthetic(
                .init(length: .fixed(100), corpusFile: "/nonexistent/corpus.txt"))
            await #expect {
                try await harness.run(configuration)
            } throws: { error in
                "\(error)".contains("/nonexistent/corpus.txt")
            }
        }
    }
}
