/// How the simulated server behaves. The defaults suit a quick start; tests set exact values.
public struct SimulatorConfiguration: Sendable {
    /// From the moment a request gets a slot to its first token (prefill).
    public var timeToFirstToken: Duration = .milliseconds(200)
    /// Between consecutive tokens (decode).
    public var interTokenLatency: Duration = .milliseconds(20)
    /// Tokens generated when the request does not say (`options.num_predict`).
    public var defaultOutputTokens = 128
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

    public init() {}
}

/// A fault injected into every `every`-th generation request (1-based: request `every`,
/// `2 × every`, …), so tests can predict the exact counts.
public struct FaultInjection: Sendable {
    public var kind: FaultKind
    public var every: Int

    public init(_ kind: FaultKind, every: Int) {
        precondition(every > 0, "every must be positive")
        self.kind = kind
        self.every = every
    }

    func applies(toRequestNumber number: Int) -> Bool { number % every == 0 }
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
