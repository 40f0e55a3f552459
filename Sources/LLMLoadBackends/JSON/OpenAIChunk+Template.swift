/// What ``ChunkTemplate`` and ``OpenAIStreamDecoder`` need of an OpenAI chunk read through the
/// stream's last one: a copy with another text, or what the rest of it gives the events.
extension OpenAIChunk {
    package func replacingText(_ field: TextField, with text: String) -> OpenAIChunk {
        var chunk = self
        switch field {
        case .content: chunk.firstChoice?.delta?.content = text
        case .reasoningContent: chunk.firstChoice?.delta?.reasoningContent = text
        case .reasoning: chunk.firstChoice?.delta?.reasoning = text
        case .text: chunk.firstChoice?.text = text
        }
        return chunk
    }

    /// What a chunk that says nothing but its text emits, with its hole's text still to come:
    /// the answer and the reasoning ``OpenAIStreamDecoder`` takes from it, `nil` where that is
    /// the hole's text.
    package struct TextsAround: Sendable {
        package var answer: String?
        package var reasoning: String?

        /// `nil` for a chunk with a finish reason, usage, timings or an error, or no choice.
        package init?(_ chunk: OpenAIChunk, hole: TextField) {
            guard chunk.error == nil, chunk.usage == nil, chunk.timings == nil, let choice = chunk.firstChoice,
                choice.finishReason == nil
            else { return nil }
            // The decoder's order: `delta`, then `message`, then `text`, the first present wins.
            answer =
                if let content = choice.delta?.content {
                    hole == .content ? nil : content
                } else if let content = choice.message?.content {
                    content
                } else if let text = choice.text {
                    hole == .text ? nil : text
                } else {
                    ""
                }
            reasoning =
                if let text = choice.delta?.reasoningContent {
                    hole == .reasoningContent ? nil : text
                } else if let text = choice.delta?.reasoning {
                    hole == .reasoning ? nil : text
                } else {
                    choice.message?.reasoningContent ?? choice.message?.reasoning ?? ""
                }
        }
    }
}
