/// How the simulated server behaves. The defaults suit a quick start; tests set exact values.
public struct SimulatorConfiguration: Sendable {
    /// From the moment a request gets a slot to its first token (prefill).
    public var timeToFirstToken: Duration = .milliseconds(200)
    /// Between consecutive tokens (decode).
    public var interTokenLatency: Duration = .milliseconds(20)
    /// The shortest time between two writes of a stream; tokens that fall due meanwhile go out
    /// together in the next write, as a busy server batches them (vLLM's `stream_interval`).
    /// Zero: one write per token, each at its own deadline.
    public var coalescingInterval: Duration = .zero
    /// Tokens generated when the request does not say (`options.num_predict`).
    public var defaultOutputTokens = 128
    /// Each answer starts at a different word (the request's number), so tests can tell one
    /// answer from another (a conversation's history must carry its own); `false`: every
    /// answer of a length is the same text.
    public var variesAnswers = false
    /// The first this many tokens of each streamed answer are reasoning, sent in the API's own
    /// field (Ollama's `thinking`, OpenAI chat's `delta.reasoning_content`), as a reasoning model
    /// such as deepseek-r1 thinks before it answers; they count as output tokens, as real servers
    /// count them. Zero: no reasoning. Non-streamed answers carry none, nor does `/v1/completions`
    /// in the field style.
    public var thinkingTokens = 0
    /// How the reasoning is sent: in the API's own field, or inline in the answer text as
    /// `<think>…</think>` (llama.cpp `--reasoning-format none`, vLLM without a reasoning parser).
    public var reasoningStyle = ReasoningStyle.field
    /// Requests generating at once; later ones wait in a FIFO queue, so latency grows with
    /// load as on a real server. `nil`: no limit.
    public var maximumConcurrency: Int?
    /// The model the server lists first and accepts.
    public var modelName = "llmload-sim"
    /// More models the server lists and accepts (so "several models, none chosen" can be tried).
    public var otherModelNames: [String] = []

    /// Every model the server lists.
    var modelNames: [String] { [modelName] + otherModelNames }
    /// Deterministic faults for tests and demos; `nil`: none.
    public var fault: FaultInjection?
    /// When set, every request must carry `Authorization: Bearer <apiKey>`, else HTTP 401.
    public var apiKey: String?
    /// Which APIs are served (both by default), so API detection can be tested.
    public var servesOllama = true
    public var servesOpenAI = true
    /// The tokenizer endpoint served beside the OpenAI API (`POST /tokenize`), in the body
    /// dialect of llama.cpp or vLLM; `nil`: none, as SGLang or a hosted service.
    public var tokenizeEndpoint: TokenizeDialect? = .llamaCpp
    /// Ollama's context window when a request sets no `num_ctx`; longer prompts are cut to it.
    public var ollamaContextLength = 4096
    /// The model's own context limit: a larger `num_ctx` is lowered to it, as Ollama does for a
    /// model trained on shorter texts; `nil`: no limit.
    public var ollamaModelContextLimit: Int?
    /// The pre-flight endpoints: llama.cpp's `/props` and `/slots`, Ollama's `/api/ps` and
    /// `/api/show` (``ServerStateRoutes``); off: they answer 404.
    public var servesServerState = true
    /// The context per slot llama.cpp's `/props` and `/slots` report (`n_ctx`); not enforced.
    public var slotContextLength = 4096
    /// What Ollama's `/api/ps` lists for the model; `nil`: not loaded.
    public var ollamaLoadedModel: OllamaLoadedModel? = OllamaLoadedModel(sizeBytes: 4_700_000_000)

    /// The slots `/props` reports: ``maximumConcurrency``, else 64 (a server without a limit
    /// has to report some number; 64 is more than a simulated run usually keeps in flight).
    var slotCount: Int { maximumConcurrency ?? 64 }
    /// The trained context `/api/show` reports when ``ollamaModelContextLimit`` sets none.
    static let trainedContextLength = 131_072

    public init() {}
}

/// A model Ollama's `/api/ps` lists as loaded: its size, and how much of it is in GPU memory.
public struct OllamaLoadedModel: Sendable {
    public var sizeBytes: Int
    /// Fewer than ``sizeBytes``: the model runs partly on the CPU.
    public var vramBytes: Int

    public init(sizeBytes: Int, vramBytes: Int? = nil) {
        self.sizeBytes = sizeBytes
        self.vramBytes = vramBytes ?? sizeBytes
    }
}

/// Where a simulated reasoning model puts its thoughts.
public enum ReasoningStyle: String, Sendable, CaseIterable {
    /// Ollama's `thinking`, OpenAI chat's `reasoning_content`.
    case field
    /// `<think>` opening the first reasoning token's text, `</think>` opening the first answer token's.
    case inline
}

/// The request and answer shape of `POST /tokenize`.
public enum TokenizeDialect: String, Sendable, CaseIterable {
    /// `{"content": …}` → `{"tokens": […]}`
    case llamaCpp = "llama.cpp"
    /// `{"model": …, "prompt": …}` → `{"count": n, "max_model_len": …, "tokens": […]}`
    case vLLM = "vllm"
}

/// Which generation requests get a fault: every `n`-th one, or each with a probability.
///
/// Both are pure functions of the request's number (from 1), so a run is reproducible and the
/// simulator's record (``SimulatedRequestTruth/fault``) says exactly which requests failed.
public struct FaultInjection: Sendable {
    /// How requests are picked.
    public enum Pattern: Sendable, Equatable {
        /// Requests `n`, `2n`, `3n`, …
        case every(Int)
        /// Each request with probability `rate`, decided by a hash of `seed` and its number.
        case rate(Double, seed: UInt64)
    }

    public var kind: FaultKind
    public var pattern: Pattern

    public init(_ kind: FaultKind, every: Int) {
        precondition(every > 0, "every must be positive")
        self.kind = kind
        self.pattern = .every(every)
    }

    public init(_ kind: FaultKind, rate: Double, seed: UInt64 = 0) {
        precondition((0...1).contains(rate), "rate must be between 0 and 1")
        self.kind = kind
        self.pattern = .rate(rate, seed: seed)
    }

    /// Whether request `number` (from 1) gets the fault.
    public func applies(toRequestNumber number: Int) -> Bool {
        switch pattern {
        case .every(let every):
            return number % every == 0
        case .rate(let rate, let seed):
            // SplitMix64 of (seed, number): uniform in [0, 1), independent of arrival order.
            var z = seed &+ UInt64(truncatingIfNeeded: number) &* 0x9E37_79B9_7F4A_7C15
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return Double(z >> 11) / Double(1 << 53) < rate
        }
    }
}

/// The ways the simulator can misbehave, each one a failure a real server produces.
public enum FaultKind: String, Sendable, CaseIterable {
    /// HTTP 500 with `{"error": "…"}` before any token.
    case httpError = "http-error"
    /// HTTP 503 "server busy", as Ollama when its queue is full.
    case busy
    /// Half the tokens, then an `{"error": …}` line under HTTP 200.
    case midStreamError = "mid-stream-error"
    /// Half the tokens, then a line that is not JSON.
    case malformed
    /// Half the tokens, then a clean end of the body without `done: true`.
    case truncate
    /// Half the tokens, then the connection is dropped.
    case disconnect
}
