/// What the simulator actually did for one request: the ground truth the tool's own
/// measurements are tested against (instants from `ContinuousClock`, shared by the process).
public struct SimulatedRequestTruth: Sendable {
    /// The request's `X-Request-Id` header, if it had one.
    public var requestID: String?
    public var path: String
    public var receivedAt: ContinuousClock.Instant
    /// When the request left the queue and generation began.
    public var startedAt: ContinuousClock.Instant
    /// The instant just before each token's bytes were handed to the connection (tokens
    /// coalesced into one write share it).
    public var tokenWrittenAt: [ContinuousClock.Instant]
    /// Just before the terminator (or the fault) was written.
    public var finishedAt: ContinuousClock.Instant
    /// The prompt tokens reported (after any cut to Ollama's context window).
    public var promptTokens: Int
    /// Ollama cut the prompt to its context window; `promptTokens` is the window.
    public var isPromptCut = false
    public var outputTokens: Int
    /// How many of the streamed tokens were reasoning: tokens `0..<thinkingTokens` of
    /// ``tokenWrittenAt``; the answer starts at token `thinkingTokens`.
    public var thinkingTokens = 0
    public var fault: FaultKind?
    /// The HTTP status the simulator answered with.
    public var status: Int
    /// Whether tokens were written one by one (a stream) rather than in one body.
    public var isStreamed = false
    /// How many tokens each token-bearing write carried, in order: all ones unless the
    /// simulator coalesces (``SimulatorConfiguration/coalescingInterval``).
    public var tokensPerWrite: [Int] = []
    /// Body writes before the first token (OpenAI's role-only chunk), so the writes a
    /// ``WireTimestamps`` saw can be matched to tokens.
    public var writesBeforeTokens = 0
    /// The chat messages the request carried, as received (role and content); `nil` for an API
    /// that takes a plain prompt.
    public var messages: [SimulatedMessage]?
    /// The answer text written (after any reasoning tokens); with inline reasoning, without its
    /// tags. Empty when no token was written.
    public var answerText = ""
}

/// One chat message as the simulator received it.
public struct SimulatedMessage: Sendable, Equatable {
    public var role: String
    public var content: String

    public init(role: String, content: String) {
        self.role = role
        self.content = content
    }
}
