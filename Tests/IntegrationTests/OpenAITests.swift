import Foundation
import LLMLoadCore
import LLMLoadRunner
import LLMLoadSimulator
import LLMLoadTestSupport
import Testing

/// The OpenAI-compatible side, end to end against the simulator: timing against ground truth,

/// detection, authentication, and failures.

extension Integration {
    @Suite
    struct OpenAITests {
        @Test(arguments: [
            (false, true, APIKind.openAIChat), (true, false, .ollamaGenerate), (true, true, .ollamaGenerate),
        ])
        func detectsTheAPIFromTheServer(ollama: Bool, openAI: Bool, expected: APIKind) async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            var simulator = simulatorConfiguration(ttftMilliseconds: 5, itlMilliseconds: 1, outputTokens: 2)
            simulator.servesOllama = ollama
            simulator.servesOpenAI = openAI
            let result = try await withSimulator(simulator) { baseURL, _ in
                try await harness.run(
                    harness.configuration(
                        baseURL: baseURL, api: nil, rate: 10, duration: .milliseconds(200), model: nil))
            }
            #expect(result.summary.runDescription.target.api == expected.rawValue)
            #expect(result.summary.runDescription.target.model == "llmload-sim")
            #expect(result.summary.requests.byOutcome["ok"] == 2)
        }

        @Test func anUnknownModelListsTheServersModels() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            var simulator = SimulatorConfiguration()
            simulator.servesOllama = false
            let error = try await withSimulator(simulator) { baseURL, _ in
                await #expect(throws: RunError.self) {
                    try await harness.run(
                        harness.configuration(
                            baseURL: baseURL, api: nil, rate: 10, duration: .seconds(1), model: "gpt-4o"))
                }
            }
            #expect(error?.description == #"model "gpt-4o" is not on the server; it has: llmload-sim"#)
        }

        @Test(arguments: [true, false])
        func severalModelsAndNoneChosenIsAnErrorThatNamesThem(ollama: Bool) async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            var simulator = SimulatorConfiguration()
            simulator.otherModelNames = ["qwen2.5:7b"]
            simulator.servesOllama = ollama
            let error = try await withSimulator(simulator) { baseURL, truth in
                let error = await #expect(throws: RunError.self) {
                    try await harness.run(
                        harness.configuration(baseURL: baseURL, api: nil, rate: 10, duration: .seconds(1), model: nil))
                }
                #expect(truth.all.isEmpty, "nothing was sent")
                return error
            }
            #expect(error?.description == "no --model given and the server lists several: llmload-sim, qwen2.5:7b")
        }

        @Test func theAPIKeyIsSentAndNeverWritten() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            let key = "sk-test-\(UUID().uuidString)"
            var simulator = simulatorConfiguration(ttftMilliseconds: 5, itlMilliseconds: 1, outputTokens: 3)
            simulator.apiKey = key
            simulator.fault = FaultInjection(.httpError, every: 2)
            let result = try await withSimulator(simulator) { baseURL, _ in
                var configuration = harness.configuration(
                    baseURL: baseURL, api: .openAIChat, rate: 20, duration: .milliseconds(200))
                configuration.target.apiKey = key
                return try await harness.run(configuration)
            }
            #expect(result.summary.requests.byOutcome["ok"] == 2)
            #expect(result.summary.requests.byOutcome["http_error"] == 2)
            for (name, text) in try harness.filesWritten(by: result) {
                #expect(!text.contains(key), "the key is in \(name)")
            }
        }

        @Test func aMissingOrWrongKeyIsAClearErrorThatDoesNotEchoTheKey() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            var simulator = SimulatorConfiguration()
            simulator.apiKey = "sk-right-key"
            simulator.servesOllama = false
            try await withSimulator(simulator) { baseURL, _ in
                let missing = await #expect(throws: RunError.self) {
                    try await harness.run(
                        harness.configuration(baseURL: baseURL, api: nil, rate: 10, duration: .seconds(1)))
                }
                #expect(
                    missing?.description.contains("needs an API key (HTTP 401): give --api-key or set OPENAI_API_KEY")
                        == true)
                var configuration = harness.configuration(baseURL: baseURL, api: nil, rate: 10, duration: .seconds(1))
                configuration.target.apiKey = "sk-wrong-key-123"
                let wrong = await #expect(throws: RunError.self) { try await harness.run(configuration) }
                #expect(wrong?.description.contains("refused the API key (HTTP 401)") == true)
                #expect(wrong?.description.contains("sk-wrong-key-123") == false)
            }
        }

        @Test(arguments: [
            (FaultKind.httpError, "http_error", "HTTP 500: simulated failure"),
            (.midStreamError, "stream_error", "server error in stream: simulated mid-stream failure"),
            (.malformed, "stream_error", "malformed response line: this line is not JSON"),
            (.truncate, "stream_error", "stream ended without its terminator (no done/finish reason)"),
            (.disconnect, "connection_error", "server closed the connection mid-response"),
        ])
        func injectedFaultsAreClassifiedWithTheServersMessage(fault: FaultKind, outcome: String, message: String)
            async throws
        {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            let simulator = simulatorConfiguration(
                ttftMilliseconds: 10, itlMilliseconds: 2, outputTokens: 10, fault: FaultInjection(fault, every: 3))
            let result = try await withSimulator(simulator) { baseURL, _ in
                try await harness.run(
                    harness.configuration(
                        baseURL: baseURL, api: .openAIChat, rate: 50, duration: .seconds(10), maximumRequests: 9))
            }
            #expect(result.summary.requests.byOutcome["ok"] == 6)
            #expect(result.summary.requests.byOutcome[outcome] == 3)
            #expect(result.summary.errors.map(\.message) == [message])
        }
    }
}
