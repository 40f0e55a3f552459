/// Where a token count came from. Server counts and estimates are never mixed silently.
public enum TokenCountSource: String, Sendable, Codable {
    /// Reported by the server (Ollama `eval_count`/`prompt_eval_count`, OpenAI `usage`).
    case server
    /// Counted or estimated by llmload because the server reported none.
    case estimated
}

/// A token count with its provenance.
public struct TokenCount: Sendable, Hashable, Codable {
    public var value: Int
    public var source: TokenCountSource

    public init(_ value: Int, source: TokenCountSource) {
        self.value = value
        self.source = source
    }
}
