/// The wire API llmload speaks to the target.
public enum APIKind: String, Sendable, Codable, CaseIterable {
    /// Ollama `POST /api/generate` (NDJSON streaming).
    case ollamaGenerate = "ollama-generate"
    /// Ollama `POST /api/chat` (NDJSON streaming).
    case ollamaChat = "ollama-chat"
    /// OpenAI-compatible `POST /v1/chat/completions` (SSE streaming).
    case openAIChat = "openai-chat"
    /// OpenAI-compatible `POST /v1/completions` (SSE streaming).
    case openAICompletions = "openai-completions"

    /// Whether this is one of Ollama's native APIs.
    public var isOllama: Bool { self == .ollamaGenerate || self == .ollamaChat }

    /// The path appended to the target's base URL.
    public var path: String {
        switch self {
        case .ollamaGenerate: "/api/generate"
        case .ollamaChat: "/api/chat"
        case .openAIChat: "/v1/chat/completions"
        case .openAICompletions: "/v1/completions"
        }
    }
}
