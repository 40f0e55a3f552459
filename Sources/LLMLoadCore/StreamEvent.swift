/// One decoded unit of a response body, as an API decoder reports it.
///
/// Decoders are synchronous and know nothing about time: the caller stamps each event with the
/// arrival instant of the network chunk that completed it.
public enum StreamEvent: Sendable, Equatable {
    /// Generated text: answer text, reasoning text, or both. Never empty in both.
    case text(answer: String, reasoning: String)
    /// The server's terminator, with what it reported about the whole request. Boxed: it comes
    /// once a request, and unboxed its size (some 170 bytes) was every event's, copied on each
    /// hand-over of every token.
    indirect case done(StreamCompletion)
    /// The server reported an error inside a successful (2xx) response.
    case serverError(message: String)
}

/// What a server says when a response ends properly.
public struct StreamCompletion: Sendable, Equatable {
    /// Why generation stopped (`stop`, `length`, …), when the server says.
    public var finishReason: String?
    public var promptTokens: Int?
    public var outputTokens: Int?
    public var serverTimings: ServerTimings?
    /// Prompt tokens the server served from its prefix cache (OpenAI
    /// `usage.prompt_tokens_details.cached_tokens`, llama.cpp `timings.cache_n`).
    public var cachedPromptTokens: Int?
    /// How many of ``outputTokens`` were reasoning, when the server says (OpenAI's
    /// `usage.completion_tokens_details.reasoning_tokens`).
    public var reasoningTokens: Int?

    public init(
        finishReason: String? = nil,
        promptTokens: Int? = nil,
        outputTokens: Int? = nil,
        serverTimings: ServerTimings? = nil,
        reasoningTokens: Int? = nil
    ) {
        self.finishReason = finishReason
        self.promptTokens = promptTokens
        self.outputTokens = outputTokens
        self.serverTimings = serverTimings
        self.reasoningTokens = reasoningTokens
    }
}
