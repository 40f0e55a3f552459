import LLMLoadCore

extension ResponseObserver {
    /// The record of this exchange; call once, after the transport reported the end.
    @_specialize(where Decoder == OpenAIStreamDecoder)
    @_specialize(where Decoder == OllamaStreamDecoder)
    public func makeRecord(for plan: RequestPlan, endedAt instant: Instant) -> RequestRecord {
        let outcome: RequestOutcome
        var errorMessage: String?
        if let failure {
            (outcome, errorMessage) = (failure.outcome, failure.message)
        } else if completion != nil {
            outcome = .ok
        } else {
            (outcome, errorMessage) = (.streamError, "response ended without a result")
        }
        // A negative count from the server is no count: the client's estimate stands instead.
        let serverOutputTokens = completion?.outputTokens.flatMap { $0 >= 0 ? $0 : nil }
        let outputTokens: TokenCount? =
            if let count = serverOutputTokens {
                TokenCount(count, source: .server)
            } else if textChunks > 0 {
                // One text chunk carries one token on every streaming server we know of.
                TokenCount(textChunks, source: .estimated)
            } else {
                nil
            }
        var record = RequestRecord(
            index: plan.index,
            isWarmup: plan.isWarmup,
            scheduledAt: plan.scheduledAt,
            sentAt: sentAt,
            responseHeadAt: responseHeadAt,
            firstTokenAt: firstTokenAt,
            firstAnswerTokenAt: firstAnswerTokenAt,
            finishedAt: finishedAt ?? instant,
            interTokenGapsNanoseconds: gapsNanoseconds,
            outcome: outcome,
            httpStatus: httpStatus,
            errorMessage: errorMessage,
            finishReason: completion?.finishReason,
            textChunks: textChunks,
            outputTokens: outputTokens,
            promptTokens: completion?.promptTokens.flatMap { $0 >= 0 ? TokenCount($0, source: .server) : nil },
            targetPromptTokens: plan.targetPromptTokens,
            serverTimings: completion?.serverTimings,
            responseText: responseText,
            reasoningText: reasoningText
        )
        record.tokenGapOverflow = gapOverflow
        record.cachedPromptTokens = completion?.cachedPromptTokens.flatMap { $0 >= 0 ? $0 : nil }
        (record.thinkingTokens, record.answerTokens) = TokenSplit.split(
            output: outputTokens, serverReasoning: completion?.reasoningTokens,
            hasReasoning: !reasoningText.isEmpty || reasoningTextTruncatedBytes > 0,
            chunks: isStreaming ? TokenSplit.ChunkCounts(reasoning: reasoningChunks, answer: answerChunks) : nil)
        record.responseTextTruncatedBytes = responseTextTruncatedBytes
        record.reasoningTextTruncatedBytes = reasoningTextTruncatedBytes
        return record
    }
}
