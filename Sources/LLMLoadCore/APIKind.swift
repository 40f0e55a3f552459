/// The wire API llmload speaks to the target.
public enum APIKind: String, Sendable, Codable, CaseIterable {
    /// Ollama `POST /api/generate` (NDJSON streaming).
    case ollamaGenerate = "ollama-generate"
    /// Ollama `POST /api/chat` (NDJSON streaming).
    case ollamaChat = "ollama-chat"
}
