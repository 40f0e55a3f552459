/// How a request's output tokens divide between thinking and answer, and where each count came
/// from: the server's where it gives one (OpenAI's `usage.completion_tokens_details.reasoning_tokens`,
/// the answer then being `completion_tokens` less it), else the text-bearing chunks of each kind
/// (one token per chunk on every streaming server we know of), marked estimated.
public enum TokenSplit {
    /// Chunks seen of each kind while streaming: a chunk carrying both counts in each.
    public struct ChunkCounts: Sendable, Equatable {
        public var reasoning: Int
        public var answer: Int

        public init(reasoning: Int, answer: Int) {
            self.reasoning = reasoning
            self.answer = answer
        }
    }

    /// - Parameters:
    ///   - output: the request's output tokens (thinking included, as servers count them).
    ///   - serverReasoning: the server's count of reasoning tokens, if it gave one.
    ///   - hasReasoning: whether any reasoning text arrived.
    ///   - chunks: the chunk counts of a stream; `nil` for one JSON body, whose single chunk
    ///     counts nothing.
    /// - Returns: the thinking tokens (`nil` when the request did not reason and the server gave
    ///   no count) and the answer tokens (`nil` when unknown).
    public static func split(
        output: TokenCount?, serverReasoning: Int?, hasReasoning: Bool, chunks: ChunkCounts?
    ) -> (thinking: TokenCount?, answer: TokenCount?) {
        if let reasoning = serverReasoning, reasoning >= 0 {
            let thinking = TokenCount(reasoning, source: .server)
            if let output, output.source == .server, output.value >= reasoning {
                return (thinking, TokenCount(output.value - reasoning, source: .server))
            }
            return (thinking, chunks.map { TokenCount($0.answer, source: .estimated) })
        }
        guard hasReasoning else { return (nil, output) }
        guard let chunks else { return (nil, nil) }
        return (TokenCount(chunks.reasoning, source: .estimated), TokenCount(chunks.answer, source: .estimated))
    }
}
