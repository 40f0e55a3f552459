/// What to ask the model, independent of the wire format.
public struct InferenceRequest: Sendable, Hashable {
    public var model: String
    /// The text to complete; for a conversation, its turns' text (what is logged).
    public var prompt: String
    /// A whole conversation for chat APIs; `nil` sends `prompt` as one user turn. APIs that take
    /// a plain prompt (Ollama generate, OpenAI completions) send `prompt`.
    public var messages: [ChatMessage]?
    /// `num_predict` / `max_tokens`; `nil` leaves the server's default.
    public var maxOutputTokens: Int?
    public var isStreaming: Bool
    public var sampling: SamplingOptions
    /// Ollama `keep_alive` (for example `5m`); `nil` leaves the server's default.
    public var keepAlive: String?
    /// Stop sequences; empty leaves the server's default.
    public var stop: [String]
    /// Ask the server to generate `maxOutputTokens` tokens even past end-of-sequence (vLLM
    /// `ignore_eos`); sent only when `true`.
    public var ignoresEndOfSequence: Bool
    /// The context window the server should allocate (Ollama `options.num_ctx`), so a long
    /// prompt is not cut to the server's default; `nil` leaves the default.
    public var contextLength: Int?
    /// Whether a reasoning model should think first (Ollama `think`; OpenAI chat
    /// `chat_template_kwargs.enable_thinking`, as vLLM and SGLang read it for Qwen3 and
    /// DeepSeek-R1); `nil` sends nothing and leaves the model's default (`--think auto`).
    public var think: Bool?

    public init(
        model: String,
        prompt: String,
        messages: [ChatMessage]? = nil,
        maxOutputTokens: Int? = nil,
        isStreaming: Bool = true,
        sampling: SamplingOptions = .init(),
        keepAlive: String? = nil,
        stop: [String] = [],
        ignoresEndOfSequence: Bool = false,
        contextLength: Int? = nil,
        think: Bool? = nil
    ) {
        self.model = model
        self.prompt = prompt
        self.messages = messages
        self.maxOutputTokens = maxOutputTokens
        self.isStreaming = isStreaming
        self.sampling = sampling
        self.keepAlive = keepAlive
        self.stop = stop
        self.ignoresEndOfSequence = ignoresEndOfSequence
        self.contextLength = contextLength
        self.think = think
    }
}

/// Sampling parameters passed through to the server; `nil` means "server default".
public struct SamplingOptions: Sendable, Hashable, Codable {
    public var temperature: Double?
    public var topP: Double?
    public var seed: Int?

    public init(temperature: Double? = nil, topP: Double? = nil, seed: Int? = nil) {
        self.temperature = temperature
        self.topP = topP
        self.seed = seed
    }
}

extension InferenceRequest {
    /// The turns a chat API sends: the conversation, or the prompt as one user turn.
    public var chatMessages: [ChatMessage] { messages ?? [ChatMessage(role: "user", content: prompt)] }
}
