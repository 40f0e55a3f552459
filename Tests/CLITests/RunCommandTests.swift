import ArgumentParser
import LLMLoadCore
import Testing

@testable import LLMLoadCLI

/// Parsing and validation only: nothing is sent (STYLE T7).
@Suite struct RunCommandTests {
    private func parse(_ arguments: [String]) throws -> RunCommand {
        try RunCommand.parse(arguments)
    }

    private func validationMessage(_ arguments: [String]) -> String? {
        do {
            _ = try parse(arguments)
            return nil
        } catch {
            return RunCommand.message(for: error)
        }
    }

    @Test func readsTheIssuesExampleCommand() throws {
        let command = try parse([
            "--url", "http://localhost:11434", "--model", "deepseek-r1:1.5b", "--qps", "10", "--duration", "300",
        ])
        let configuration = try command.makeConfiguration(baseURL: nil)
        #expect(configuration.target.baseURL == "http://localhost:11434")
        #expect(configuration.target.api == .ollamaGenerate)
        #expect(configuration.target.model == "deepseek-r1:1.5b")
        #expect(configuration.load.ratePerSecond == 10)
        #expect(configuration.load.duration == .seconds(300))
        #expect(configuration.requests.timeout == .seconds(300), "five minutes by default")
        #expect(configuration.requests.isStreaming)
    }

    @Test func anEndpointURLChoosesTheAPI() throws {
        let configuration = try parse(["--url", "http://gpu:11434/api/chat/"]).makeConfiguration(baseURL: nil)
        #expect(configuration.target.baseURL == "http://gpu:11434")
        #expect(configuration.target.api == .ollamaChat)
    }

    @Test func durationsTakeUnits() throws {
        #expect(try parse(["--duration", "500ms"]).duration.duration == .milliseconds(500))
        #expect(try parse(["--duration", "5m"]).duration.duration == .seconds(300))
        #expect(try parse(["--duration", "1.5"]).duration.duration == .milliseconds(1500))
        #expect(try parse(["--timeout", "1h"]).timeout.duration == .seconds(3600))
    }

    @Test(arguments: [
        (["--qps", "0"], "--qps must be a positive number"),
        (["--qps=-5"], "--qps must be a positive number"),
        (["--rate", "nan"], "--qps must be a positive number"),
        (["--duration", "0"], "--duration must be positive"),
        (["--duration=-3s"], "--duration must be positive"),
        (["--timeout", "0"], "--timeout must be positive"),
        (["--requests", "0"], "--requests must be at least 1"),
        (["--max-tokens=-1"], "--max-tokens must be zero or more"),
        (["--top-p", "2"], "--top-p must be between 0 and 1"),
        (["--simulate", "--url", "http://x"], "--simulate and --url exclude each other"),
        (["--url", "ftp://host"], "bad --url \"ftp://host\": the scheme must be http or https"),
        (["--url", "http://"], "bad --url \"http://\": it has no host"),
        (["--url", "http://host:99999"], "bad --url"),
        (["--model", " "], "--model must not be empty"),
        (["--duration", "soon"], "soon"),
    ])
    func badInputIsRejectedWithASpecificMessage(arguments: [String], expected: String) {
        let message = validationMessage(arguments)
        #expect(message?.contains(expected) == true, "got: \(message ?? "no error")")
    }

    @Test func theSimulatorTargetsItsOwnModel() throws {
        let command = try parse(["--simulate", "--ttft-ms", "200", "--itl-ms", "10", "--output-tokens", "50"])
        let configuration = try command.makeConfiguration(baseURL: "http://127.0.0.1:5555")
        #expect(configuration.target.model == "llmload-sim")
        #expect(configuration.target.isSimulated)
        let simulator = command.simulator.configuration
        #expect(simulator.timeToFirstToken == .milliseconds(200))
        #expect(simulator.interTokenLatency == .milliseconds(10))
        #expect(simulator.defaultOutputTokens == 50)
    }
}

@Suite struct TargetURLTests {
    @Test(arguments: [
        ("http://localhost:11434", "http://localhost:11434", nil as APIKind?),
        ("localhost:11434", "http://localhost:11434", nil),
        ("https://example.com/ollama/api/generate", "https://example.com/ollama", .ollamaGenerate),
        ("http://[::1]:11434/", "http://[::1]:11434", nil),
        ("HTTP://Host:8080/api/chat", "http://host:8080", .ollamaChat),
    ])
    func parsesWhatUsersType(input: String, baseURL: String, api: APIKind?) throws {
        let parsed = try TargetURL.parse(input)
        #expect(parsed.baseURL.lowercased() == baseURL.lowercased())
        #expect(parsed.api == api)
    }

    @Test func honoursOllamaHostLikeOllamasCLI() {
        #expect(TargetURL.defaultTarget(environment: [:]) == "http://127.0.0.1:11434")
        #expect(TargetURL.defaultTarget(environment: ["OLLAMA_HOST": "0.0.0.0:8080"]) == "127.0.0.1:8080")
        #expect(TargetURL.defaultTarget(environment: ["OLLAMA_HOST": "gpu-box"]) == "gpu-box:11434")
        #expect(
            TargetURL.defaultTarget(environment: ["OLLAMA_HOST": "https://ollama.example"]) == "https://ollama.example")
    }
}

@Suite struct SimulateCommandTests {
    @Test func readsTheIssuesExampleCommand() throws {
        let command = try SimulateCommand.parse([
            "--port", "11434", "--ttft-ms", "200", "--itl-ms", "20", "--output-tokens", "128",
        ])
        #expect(command.port == 11434)
        #expect(command.simulator.configuration.interTokenLatency == .milliseconds(20))
        #expect(command.simulator.configuration.defaultOutputTokens == 128)
    }

    @Test func rejectsANegativeTTFT() {
        #expect(throws: (any Error).self) { try SimulateCommand.parse(["--ttft-ms", "-1"]) }
    }
}
