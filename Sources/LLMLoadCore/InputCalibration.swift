/// How synthetic prompts were fitted to their lengths before the run (`--input-tokens`, or a
/// replayed trace's), as
/// written to `summary.json` and `config.json`.
public struct InputCalibration: Sendable, Codable, Equatable {
    /// `tokenize` (the server's tokenizer endpoint plus one request for the chat template) or
    /// `generation` (requests for one token each, reading the server's prompt count).
    public var method: String
    /// The same in a sentence, with the endpoint used.
    public var detail: String
    /// Tokens the request adds around the prompt text (chat template, start token), when measured.
    public var templateOverheadTokens: Int?
    /// Server tokens per corpus word, from two counts.
    public var tokensPerWord: Double
    /// Distinct prompt lengths built (requests snap to the nearest); for a trace, the prompts
    /// fitted (one per distinct entry).
    public var levels: Int
    /// Times the server counted a text.
    public var serverCounts: Int
    /// The largest difference between a built prompt's count and its target, in tokens.
    public var maxErrorTokens: Int
    /// The shared prefix's length as the server counts it (`--shared-prefix`).
    public var sharedPrefixTokens: Int?
    /// A trace's entries shorter than the shortest prompt the server counts (its chat template
    /// and the tag), sent at that shortest length; absent without a trace.
    public var raisedEntries: Int?
    public var seconds: Double

    public init(
        method: String, detail: String, templateOverheadTokens: Int? = nil, tokensPerWord: Double, levels: Int,
        serverCounts: Int, maxErrorTokens: Int, sharedPrefixTokens: Int? = nil, seconds: Double
    ) {
        self.method = method
        self.detail = detail
        self.templateOverheadTokens = templateOverheadTokens
        self.tokensPerWord = tokensPerWord
        self.levels = levels
        self.serverCounts = serverCounts
        self.maxErrorTokens = maxErrorTokens
        self.sharedPrefixTokens = sharedPrefixTokens
        self.seconds = seconds
    }
}

extension InputLength {
    /// How far the server's count may be from `target` and still count as that length: 2 %, but
    /// at least 10 tokens.
    public static func tolerance(forTarget target: Int) -> Int { max(10, target / 50) }
}
