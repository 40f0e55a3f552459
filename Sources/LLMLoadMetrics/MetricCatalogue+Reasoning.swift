import LLMLoadCore

/// The split of a reasoning model's output: thinking and answer tokens, the answer's time and
/// its decode speed. Each is in the CSV for every request that has it, but summarised only over
/// the requests that reasoned, since for the others it is the whole output again.
extension Metric {
    public static let thinkingTokens = Metric(
        id: "thinking_tokens", unit: .tokens, consoleLabel: "Think tok", title: ("Thinking tokens", "思考 token 数"),
        isCharted: true, isOptional: true, value: { $0.thinkingTokens.map { Double($0.value) } },
        record: reasoningOnly { $0.thinkingTokens.map { Double($0.value) } })

    public static let answerTokens = Metric(
        id: "answer_tokens", unit: .tokens, consoleLabel: "Answer tok", title: ("Answer tokens", "回答 token 数"),
        isCharted: true, isOptional: true, value: { $0.answerTokens.map { Double($0.value) } },
        record: reasoningOnly { $0.answerTokens.map { Double($0.value) } })

    /// First answer chunk to the end of the response.
    public static let answerDuration = Metric(
        id: "answer_ms", unit: .milliseconds, consoleLabel: "Answer ms", title: ("Answer time (ms)", "回答时间（毫秒）"),
        isCharted: true, isOptional: true, value: { $0.answerDuration?.milliseconds },
        record: reasoningOnly { $0.answerDuration?.milliseconds })

    public static let answerDecodeSpeed = Metric(
        id: "answer_decode_speed_tokens_per_s", unit: .tokensPerSecond, consoleLabel: "Answer tok/s",
        title: ("Answer decode speed (tokens/s)", "回答解码速度（token/秒）"), isCharted: true, isOptional: true,
        column: "answer_decode_tokens_per_s", value: { $0.answerDecodeTokensPerSecond },
        record: reasoningOnly { $0.answerDecodeTokensPerSecond })

    /// Records `value` only for a request that reasoned.
    private static func reasoningOnly(
        _ value: @escaping @Sendable (RequestRecord) -> Double?
    ) -> @Sendable (RequestRecord, inout Distribution) -> Void {
        { request, distribution in
            guard request.hasReasoned, let figure = value(request) else { return }
            distribution.record(figure)
        }
    }
}
