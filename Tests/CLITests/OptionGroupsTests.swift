import ArgumentParser
import LLMLoadCore
import LLMLoadSimulator
import Testing

@testable import LLMLoadCLI

/// `run`'s options live in groups, and each value is read once, when the command line is
/// parsed: a bad one is ArgumentParser's own error (exit status 64) naming the option, and the
/// group holds the typed value, so nothing is left to read again later.
@Suite struct OptionGroupsTests {
    /// The message and exit code of the error parsing `arguments` throws; `nil` if it parses.
    private func failure(_ arguments: [String]) -> (message: String, exitCode: ExitCode)? {
        do {
            _ = try RunCommand.parse(arguments)
            return nil
        } catch {
            return (RunCommand.message(for: error), RunCommand.exitCode(for: error))
        }
    }

    @Test(arguments: [
        (["--slo", "ttft:abc"], "--slo <bounds>'", "bad --slo part \"ttft:abc\": expected name=duration"),
        (["--slo", "latency=5s"], "--slo <bounds>'", "unknown --slo metric \"latency\""),
        (
            ["--input-tokens", "5-2"], "--input-tokens <tokens>'",
            "--input-tokens 5-2: the range must go from low to high"
        ),
        (
            ["--input-tokens", "lots"], "--input-tokens <tokens>'",
            "--input-tokens: \"lots\" is not a whole number of tokens of at least 1"
        ),
    ])
    func aBadValueFailsAtParseWithArgumentParsersMessage(arguments: [String], option: String, reason: String) throws {
        let (message, exitCode) = try #require(failure(arguments), "accepted \(arguments)")
        #expect(message.hasPrefix("The value '\(arguments[1])' is invalid for '\(option)"), "\(message)")
        #expect(message.contains(reason), "\(message)")
        #expect(exitCode == .validationFailure)
    }

    @Test func theGroupsHoldTypedValues() throws {
        let command = try RunCommand.parse([
            "--url", "http://gpu:8000/v1", "--slo", "ttft=500ms,e2e=10s", "--input-tokens", "1000-4096",
        ])
        guard case .parsed(let url) = command.target.url.first else {
            Issue.record("--url not read: \(String(describing: command.target.url))")
            return
        }
        #expect(url.baseURL == "http://gpu:8000" && url.api == .openAIChat)
        #expect(
            command.goodput.slo
                == ServiceLevelObjectives(timeToFirstToken: .milliseconds(500), endToEndLatency: .seconds(10)))
        #expect(command.input.inputTokens == .uniform(1000, 4096))
        let configuration = try command.makeConfiguration(baseURL: nil)
        #expect(configuration.target.baseURL == "http://gpu:8000")
        #expect(configuration.objectives == command.goodput.slo)
        #expect(configuration.requests.prompts.inputLength == .uniform(1000, 4096))
    }

    /// A bad `--url` is refused by the group's `validate()`, not by ArgumentParser's value
    /// message, which would quote the URL, password and all.
    @Test(arguments: ["http://user:secret@gpu:99999", "http://user:secret@gpu:11434", "ftp://user:secret@gpu"])
    func aBadURLIsRefusedWithoutShowingItsCredentials(url: String) throws {
        let (message, exitCode) = try #require(failure(["--url", url]))
        #expect(message.contains("bad --url"), "\(message)")
        #expect(!message.contains("secret"), "\(message)")
        #expect(exitCode == .validationFailure)
    }

    @Test func withoutURLTheTargetComesFromTheEnvironment() throws {
        let target = try RunCommand.parse([]).target
        let fromHost = try target.configuration(
            simulatorURL: nil, simulatedModel: "sim", environment: ["OLLAMA_HOST": "gpu-box", "OPENAI_API_KEY": "sk-e"])
        #expect(fromHost.baseURL == "http://gpu-box:11434" && fromHost.apiKey == "sk-e" && fromHost.model == nil)
        do {
            _ = try target.configuration(
                simulatorURL: nil, simulatedModel: "sim", environment: ["OLLAMA_HOST": "ftp://h"])
            Issue.record("accepted $OLLAMA_HOST ftp://h")
        } catch {
            #expect("\(error)".contains("$OLLAMA_HOST"), "\(error)")
        }
    }

    @Test func theSimulatorsTokenizerIsOneOfItsDialectsOrNone() throws {
        #expect(try SimulatorOptions.parse([]).configuration.tokenizeEndpoint == .llamaCpp)
        #expect(try SimulatorOptions.parse(["--tokenize", "vllm"]).configuration.tokenizeEndpoint == .vLLM)
        #expect(try SimulatorOptions.parse(["--tokenize", "none"]).configuration.tokenizeEndpoint == nil)
        do {
            _ = try SimulatorOptions.parse(["--tokenize", "sentencepiece"])
            Issue.record("accepted --tokenize sentencepiece")
        } catch {
            let message = SimulatorOptions.message(for: error)
            #expect(message.hasSuffix("Please provide one of 'llama.cpp', 'vllm' or 'none'."), "\(message)")
        }
    }

    @Test func theSimulatorThinksOnlyWhenAsked() throws {
        #expect(try SimulatorOptions.parse([]).configuration.thinkingTokens == 0)
        #expect(try SimulatorOptions.parse(["--thinking-tokens", "64"]).configuration.thinkingTokens == 64)
        #expect(throws: (any Error).self) { try SimulatorOptions.parse(["--thinking-tokens", "-1"]) }
    }

    @Test func everyOptionNameAndShortFlagStillParses() throws {
        let valued: Set = [
            "url", "api", "api-key", "model", "qps", "rate", "duration", "requests", "warmup", "warmup-requests",
            "timeout", "drain-timeout", "term-grace", "shard", "start-at", "max-tokens", "prompt", "prompts",
            "template", "shuffle-seed",
            "temperature", "top-p", "seed", "keep-alive", "stop", "think", "slo", "fail-on-slo", "output", "label",
            "lang",
            "arrival", "arrival-seed", "concurrency", "think-time", "ramp", "input-tokens", "shared-prefix", "corpus",
            "input-seed", "num-ctx", "sample-interval", "monitor-pid", "monitor-process", "gpu", "ttft-ms", "itl-ms",
            "coalesce-ms", "output-tokens", "thinking-tokens", "reasoning-style", "max-concurrency", "simulated-model",
            "fault",
            "fault-every", "fault-rate",
            "fault-seed", "tokenize", "ollama-context", "ollama-context-limit", "slot-context", "server-metrics",
            "burstiness", "max-in-flight", "balance", "trace", "trace-speed", "trace-window", "trace-block-tokens",
            "turns",
        ]
        #expect(OptionNames.run.valued == valued)
        let flags: Set = [
            "simulate", "insecure", "unique-prompts", "no-unique-prompts", "no-stream", "ignore-eos", "quiet",
            "verbose", "strict-preflight",
        ]
        #expect(OptionNames.run.flags.isSuperset(of: flags), "\(flags.subtracting(OptionNames.run.flags))")
        let command = try RunCommand.parse(["-m", "m", "-d", "5s", "-o", "out", "-q", "-v"])
        #expect(command.target.model == "m" && command.load.duration?.duration == .seconds(5))
        #expect(command.output.output == "out" && command.output.quiet && command.output.verbose)
    }

    @Test func helpShowsOneSectionPerGroup() {
        let help = RunCommand.helpMessage()
        for title in [
            "TARGET:", "LOAD PROFILE:", "TRACE REPLAY:", "LOAD:", "PROMPTS:", "SYNTHETIC PROMPTS:", "REQUESTS:",
            "GOODPUT:", "OUTPUT:",
            "RESOURCE MONITOR:", "SIMULATOR (WITH --SIMULATE):",
        ] {
            #expect(help.contains(title), "no section \(title)")
        }
    }

    @Test func simulateHelpNamesBothAPIs() {
        let help = SimulateCommand.helpMessage()
        for path in ["/api/chat", "/v1/chat/completions", "/v1/completions", "/v1/models"] {
            #expect(help.contains(path), "simulate --help does not name \(path)")
        }
    }
}
