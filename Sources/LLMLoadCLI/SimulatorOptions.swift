import ArgumentParser
import LLMLoadSimulator

extension FaultKind: ExpressibleByArgument {}

/// The simulator's timing and faults, shared by `simulate` and `run --simulate`.
struct SimulatorOptions: ParsableArguments {
    @Option(help: "Time to first token, in milliseconds.")
    var ttftMs: Double = 200

    @Option(help: "Time between tokens, in milliseconds.")
    var itlMs: Double = 20

    @Option(
        help: ArgumentHelp(
            "Write a stream at most every N milliseconds, all tokens due in one write (0: one write per token).",
            discussion: "As a busy server batches tokens (vLLM's stream_interval); every token keeps its schedule."
        ))
    var coalesceMs: Double = 0

    @Option(help: "Tokens per answer when the request does not set num_predict.")
    var outputTokens: Int = 128

    @Option(
        help: """
            The first N tokens of each streamed answer are reasoning, in Ollama's thinking field or \
            OpenAI chat's reasoning_content, as a reasoning model (deepseek-r1) sends them. Default: 0.
            """)
    var thinkingTokens: Int = 0

    @Option(
        help:
            "Where --thinking-tokens go: field (thinking, reasoning_content) or inline (<think>…</think> in the text).")
    var reasoningStyle: ReasoningStyle = .field

    @Option(help: "Requests generating at once; more wait in a queue. Unlimited if not set.")
    var maxConcurrency: Int?

    @Option(help: "The model name the simulator lists and accepts.")
    var simulatedModel: String = "llmload-sim"

    @Option(help: "Inject a fault: \(FaultKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var fault: FaultKind?

    @Option(help: "Inject the fault into every N-th request.")
    var faultEvery: Int = 10

    @Option(help: "Instead of --fault-every: inject the fault into each request with this probability (0–1).")
    var faultRate: Double?

    @Option(help: "Seed for --fault-rate, so a run can be repeated exactly.")
    var faultSeed: UInt64 = 0

    @Option(help: "POST /tokenize in the dialect of llama.cpp or vllm; none: no tokenizer endpoint.")
    var tokenize = TokenizeArgument(.llamaCpp)

    @Option(help: "Ollama's context window when a request sets no num_ctx; longer prompts are cut to it.")
    var ollamaContext: Int = 4096

    @Option(help: "The model's context limit under Ollama: a larger num_ctx is lowered to it. None if not set.")
    var ollamaContextLimit: Int?

    @Option(help: "The context per slot llama.cpp's /props reports (n_ctx; slots: --max-concurrency, else 64).")
    var slotContext: Int = 4096

    func validate() throws {
        guard slotContext >= 1 else { throw ValidationError("--slot-context must be at least 1") }
        guard ollamaContext >= 1 else { throw ValidationError("--ollama-context must be at least 1") }
        if let ollamaContextLimit, ollamaContextLimit < 1 {
            throw ValidationError("--ollama-context-limit must be at least 1")
        }
        // At most 30 days (in ms): the nanoseconds must fit an Int64.
        guard ttftMs.isFinite, (0...2.592e9).contains(ttftMs) else {
            throw ValidationError("--ttft-ms must be 0–2592000000")
        }
        guard itlMs.isFinite, (0...2.592e9).contains(itlMs) else {
            throw ValidationError("--itl-ms must be 0–2592000000")
        }
        guard coalesceMs.isFinite, coalesceMs >= 0 else { throw ValidationError("--coalesce-ms must be zero or more") }
        guard outputTokens >= 0 else { throw ValidationError("--output-tokens must be zero or more") }
        guard thinkingTokens >= 0 else { throw ValidationError("--thinking-tokens must be zero or more") }
        if let maxConcurrency, maxConcurrency < 1 { throw ValidationError("--max-concurrency must be at least 1") }
        guard faultEvery >= 1 else { throw ValidationError("--fault-every must be at least 1") }
        if let faultRate, !(0...1).contains(faultRate) { throw ValidationError("--fault-rate must be between 0 and 1") }
    }

    var configuration: SimulatorConfiguration {
        var configuration = SimulatorConfiguration()
        configuration.timeToFirstToken = .nanoseconds(Int64(ttftMs * 1e6))
        configuration.interTokenLatency = .nanoseconds(Int64(itlMs * 1e6))
        configuration.coalescingInterval = .nanoseconds(Int64(coalesceMs * 1e6))
        configuration.defaultOutputTokens = outputTokens
        configuration.thinkingTokens = thinkingTokens
        configuration.reasoningStyle = reasoningStyle
        configuration.maximumConcurrency = maxConcurrency
        configuration.modelName = simulatedModel
        configuration.tokenizeEndpoint = tokenize.dialect
        configuration.ollamaContextLength = ollamaContext
        configuration.ollamaModelContextLimit = ollamaContextLimit
        configuration.slotContextLength = slotContext
        configuration.fault = fault.map { kind in
            faultRate.map { FaultInjection(kind, rate: $0, seed: faultSeed) } ?? FaultInjection(kind, every: faultEvery)
        }
        return configuration
    }
}

/// `--tokenize`: a dialect of `POST /tokenize`, or `none` for no such endpoint. Its
/// `description` is the name on the command line, which `--help` and errors list.
struct TokenizeArgument: ExpressibleByArgument, CaseIterable, CustomStringConvertible, Equatable, Sendable {
    var dialect: TokenizeDialect?

    init(_ dialect: TokenizeDialect?) {
        self.dialect = dialect
    }

    init?(argument: String) {
        guard let match = Self.allCases.first(where: { $0.description == argument }) else { return nil }
        self = match
    }

    static var allCases: [Self] { TokenizeDialect.allCases.map { Self($0) } + [Self(nil)] }

    var description: String { dialect?.rawValue ?? "none" }
}

extension ReasoningStyle: ExpressibleByArgument {}
