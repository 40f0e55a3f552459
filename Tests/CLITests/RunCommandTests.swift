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
        #expect(configuration.target.api == nil, "detected from the server")
        #expect(configuration.target.model == "deepseek-r1:1.5b")
        #expect(configuration.load.profile == .constant(ratePerSecond: 10))
        #expect(configuration.load.duration == .seconds(300))
        #expect(configuration.requests.timeout == .seconds(300), "five minutes by default")
        #expect(configuration.load.drainTimeout == .seconds(300), "the drain cuts no request short by default")
        #expect(configuration.requests.isStreaming)
    }

    @Test func anEndpointURLChoosesTheAPI() throws {
        let configuration = try parse(["--url", "http://gpu:11434/api/chat/"]).makeConfiguration(baseURL: nil)
        #expect(configuration.target.baseURL == "http://gpu:11434")
        #expect(configuration.target.api == .ollamaChat)
    }

    @Test func durationsTakeUnits() throws {
        #expect(try parse(["--duration", "500ms"]).load.duration?.duration == .milliseconds(500))
        #expect(try parse(["--duration", "5m"]).load.duration?.duration == .seconds(300))
        #expect(try parse(["--duration", "1.5"]).load.duration?.duration == .milliseconds(1500))
        #expect(try parse(["--timeout", "1h"]).request.timeout.duration == .seconds(3600))
        #expect(
            try parse(["--drain-timeout", "5s"]).makeConfiguration(baseURL: "http://h").load.drainTimeout == .seconds(5)
        )
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
        (["--ignore-eos"], "--ignore-eos needs --max-tokens"),
        (
            ["--ignore-eos", "--max-tokens", "9", "--api", "ollama-chat"],
            "--ignore-eos is not supported by Ollama's native API"
        ),
        (["--api-key", ""], "--api-key must not be empty"),
        (["--api", "openai"], "openai"),
        (["--warmup", "5s", "--warmup-requests", "3"], "--warmup and --warmup-requests exclude each other"),
        (["--warmup-requests", "0"], "--warmup-requests must be at least 1"),
        (["--slo", "ttft=fast"], "bad --slo part"),
        (["--fail-on-slo", "0.9"], "--fail-on-slo needs --slo"),
        (["--slo", "e2e=2s", "--fail-on-slo", "95"], "--fail-on-slo must be between 0 and 1"),
        (["--prompt", "hi", "--prompts", "p.txt"], "--prompt and --prompts exclude each other"),
        (["--input-tokens", "2048", "--prompt", "hi"], "--input-tokens and --prompt exclude each other"),
        (
            ["--input-tokens", "2048", "--template", "Q: {question}"],
            "--input-tokens and --template exclude each other"
        ),
        (["--input-tokens", "2048", "--shuffle-seed", "1"], "--input-tokens and --shuffle-seed exclude each other"),
        (["--input-tokens", "0"], "--input-tokens: \"0\" is not a whole number of tokens of at least 1"),
        (["--input-tokens", "4096-1000"], "the range must go from low to high"),
        (["--shared-prefix", "100"], "--shared-prefix needs --input-tokens"),
        (["--corpus", "c.txt"], "--corpus needs --input-tokens"),
        (["--input-tokens", "1000-4096", "--shared-prefix", "1000"], "--shared-prefix 1000 leaves no room"),
        (["--input-tokens", "4096", "--num-ctx", "2048"], "--num-ctx 2048 is below the longest prompt"),
        (["--num-ctx", "0"], "--num-ctx must be at least 1"),
    ])
    func badInputIsRejectedWithASpecificMessage(arguments: [String], expected: String) {
        let message = validationMessage(arguments)
        #expect(message?.contains(expected) == true, "got: \(message ?? "no error")")
    }

    @Test func theAPIKeyComesFromTheFlagOrTheEnvironmentAndStaysOutOfTheURL() throws {
        let configuration = try parse(["--url", "https://api.example.com/v1", "--api-key", "sk-x", "--insecure"])
            .makeConfiguration(baseURL: nil)
        #expect(configuration.target.apiKey == "sk-x")
        #expect(configuration.target.isInsecure)
        #expect(configuration.target.api == .openAIChat)
        #expect(!configuration.target.baseURL.contains("sk-x"))
    }

    @Test func promptFileTemplateAndShuffleReachTheConfiguration() throws {
        let requests = try parse(["--prompts", "q.jsonl", "--template", "Q: {question}", "--shuffle-seed", "3"])
            .makeConfiguration(baseURL: "http://h").requests
        #expect(
            requests.prompts == .given(.init(origin: .file(path: "q.jsonl"), template: "Q: {question}", shuffleSeed: 3))
        )
    }

    @Test func thinkIsSentOnlyWhenAskedFor() throws {
        #expect(try parse([]).makeConfiguration(baseURL: "http://h").requests.think == nil)
        #expect(try parse(["--think", "on"]).makeConfiguration(baseURL: "http://h").requests.think == true)
        #expect(try parse(["--think", "off"]).makeConfiguration(baseURL: "http://h").requests.think == false)
        #expect(throws: (any Error).self) { try parse(["--think", "maybe"]) }
    }

    @Test func inputLengthFlagsReachTheConfiguration() throws {
        let requests = try parse([
            "--input-tokens", "normal:2048,256", "--shared-prefix", "512", "--corpus", "c.txt", "--input-seed", "7",
            "--num-ctx", "8192",
        ]).makeConfiguration(baseURL: "http://h").requests
        #expect(
            requests.prompts
                == .synthetic(
                    .init(
                        length: .normal(mean: 2048, standardDeviation: 256), sharedPrefixTokens: 512,
                        corpusFile: "c.txt",
                        seed: 7)))
        #expect(requests.contextLength == 8192)
        let defaults = try parse(["--input-tokens", "100"]).makeConfiguration(baseURL: "http://h").requests
        #expect(defaults.prompts == .synthetic(.init(length: .fixed(100), seed: 42)))
        #expect(
            try parse([]).makeConfiguration(baseURL: "http://h").requests.prompts == .given(.init(origin: .builtIn)))
    }

    @Test func warmupIsATimeOrACount() throws {
        #expect(
            try parse(["--warmup", "10s"]).makeConfiguration(baseURL: "http://h").load.warmup == .duration(.seconds(10))
        )
        #expect(
            try parse(["--warmup-requests", "8"]).makeConfiguration(baseURL: "http://h").load.warmup == .requests(8))
        #expect(try parse([]).makeConfiguration(baseURL: "http://h").load.warmup == nil)
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
