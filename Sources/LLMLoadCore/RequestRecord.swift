/// Everything measured about one request. Produced once per request by the backend, then
/// folded into the metrics and streamed to disk; never mutated after that.
///
/// All instants come from `ContinuousClock` (monotonic). Derived figures are computed here, in
/// one place, so every output agrees on their definitions (see `docs/MeasuringCorrectly.md`).
public struct RequestRecord: Sendable {
    public typealias Instant = ContinuousClock.Instant

    public var index: Int
    /// Sent during the warm-up: written out, but left out of every statistic.
    public var isWarmup: Bool
    public var scheduledAt: Instant
    /// With `--max-in-flight`: when the request left the client's queue, `scheduledAt` when a
    /// slot was free then, else the end of the request whose slot it took. `nil` without a cap.
    public var clientQueueEndedAt: Instant?
    /// When the request head went onto the connection, after any wait for a pooled connection.
    /// `nil` when it never left (for example the connection was refused).
    public var sentAt: Instant?
    public var responseHeadAt: Instant?
    /// Arrival of the first chunk carrying generated text (answer or reasoning).
    public var firstTokenAt: Instant?
    /// Arrival of the first chunk carrying answer text (after any reasoning).
    public var firstAnswerTokenAt: Instant?
    /// End of the response: the chunk carrying the terminator, or when the failure was seen.
    public var finishedAt: Instant
    /// Gaps between consecutive text-bearing chunks, in nanoseconds: the first
    /// ``ResponseLimits/storedTokenGaps``; later ones are in ``tokenGapOverflow``.
    public var interTokenGapsNanoseconds: [Int64]
    /// The gaps after the stored ones, folded; `nil` when every gap is stored.
    public var tokenGapOverflow: TokenGapOverflow?

    public var outcome: RequestOutcome
    public var httpStatus: Int?
    /// The server's or transport's message for a failed request.
    public var errorMessage: String?
    public var finishReason: String?

    /// Text-bearing chunks received.
    public var textChunks: Int
    public var outputTokens: TokenCount?
    /// The output tokens that were reasoning (``TokenSplit``); `nil` when the request did not
    /// reason and the server gave no count.
    public var thinkingTokens: TokenCount?
    /// The output tokens of the answer, after any reasoning (``TokenSplit``).
    public var answerTokens: TokenCount?
    public var promptTokens: TokenCount?
    /// The prompt tokens the request was built to have (`--input-tokens`); `nil` otherwise.
    public var targetPromptTokens: Int?
    /// Sent again because its connection closed before any byte of the answer (a keep-alive
    /// connection the server closed as the request went out); the figures are the last send's.
    public var resentOnClosedConnection = false
    public var serverTimings: ServerTimings?
    /// Prompt tokens the server says it served from its prefix cache; `nil` when it does not say.
    public var cachedPromptTokens: Int?
    /// The replica the request went to: its position in ``RunConfiguration/Target/baseURLs``
    /// (0 for a single server). Outputs number replicas from 1.
    public var targetIndex = 0
    /// The answer text, up to ``ResponseLimits/answerTextBytes``.
    public var responseText: String
    /// The reasoning text, up to ``ResponseLimits/reasoningTextBytes``.
    public var reasoningText: String
    /// Bytes of answer text received past ``ResponseLimits/answerTextBytes`` and not kept.
    public var responseTextTruncatedBytes = 0
    /// Bytes of reasoning text received past ``ResponseLimits/reasoningTextBytes`` and not kept.
    public var reasoningTextTruncatedBytes = 0
    /// With `--turns`: the conversation the request belongs to, numbered from 0 in the order the
    /// conversations started (across shards, as requests are); `nil` without `--turns`.
    public var conversation: Int?
    /// With `--turns`: the request's turn in its conversation, from 1.
    public var turn: Int?

    public init(
        index: Int,
        isWarmup: Bool = false,
        scheduledAt: Instant,
        sentAt: Instant? = nil,
        responseHeadAt: Instant? = nil,
        firstTokenAt: Instant? = nil,
        firstAnswerTokenAt: Instant? = nil,
        finishedAt: Instant,
        interTokenGapsNanoseconds: [Int64] = [],
        outcome: RequestOutcome,
        httpStatus: Int? = nil,
        errorMessage: String? = nil,
        finishReason: String? = nil,
        textChunks: Int = 0,
        outputTokens: TokenCount? = nil,
        promptTokens: TokenCount? = nil,
        targetPromptTokens: Int? = nil,
        serverTimings: ServerTimings? = nil,
        responseText: String = "",
        reasoningText: String = ""
    ) {
        self.index = index
        self.isWarmup = isWarmup
        self.scheduledAt = scheduledAt
        self.sentAt = sentAt
        self.responseHeadAt = responseHeadAt
        self.firstTokenAt = firstTokenAt
        self.firstAnswerTokenAt = firstAnswerTokenAt
        self.finishedAt = finishedAt
        self.interTokenGapsNanoseconds = interTokenGapsNanoseconds
        self.outcome = outcome
        self.httpStatus = httpStatus
        self.errorMessage = errorMessage
        self.finishReason = finishReason
        self.textChunks = textChunks
        self.outputTokens = outputTokens
        self.promptTokens = promptTokens
        self.targetPromptTokens = targetPromptTokens
        self.serverTimings = serverTimings
        self.responseText = responseText
        self.reasoningText = reasoningText
    }
}

extension RequestRecord {
    /// How late the client sent the request, from when it could go: `sentAt − scheduledAt`, or,
    /// with a cap on requests in flight, `sentAt −` ``clientQueueEndedAt`` (the wait for a slot is
    /// ``clientQueueTime``, asked for, not the client falling behind). A growing lag means the
    /// client, not the server, is the bottleneck.
    public var scheduleLag: Duration? { sentAt.map { $0 - (clientQueueEndedAt ?? scheduledAt) } }

    /// With `--max-in-flight`: how long the request waited in the client for a slot, from
    /// `scheduledAt` (zero when a slot was free); absent without a cap. With the schedule lag
    /// it makes up `sentAt − scheduledAt`.
    public var clientQueueTime: Duration? { clientQueueEndedAt.map { $0 - scheduledAt } }

    /// Time to first token, from `sentAt`.
    public var timeToFirstToken: Duration? {
        guard let sentAt, let firstTokenAt else { return nil }
        return firstTokenAt - sentAt
    }

    /// Time to first answer token (after reasoning), from `sentAt`.
    public var timeToFirstAnswerToken: Duration? {
        guard let sentAt, let firstAnswerTokenAt else { return nil }
        return firstAnswerTokenAt - sentAt
    }

    /// How long the model thought: from the first reasoning chunk to the first answer chunk.
    /// Absent without reasoning, and when no answer followed it.
    public var thinkingDuration: Duration? {
        guard !reasoningText.isEmpty || reasoningTextTruncatedBytes > 0, let firstTokenAt, let firstAnswerTokenAt
        else { return nil }
        return firstAnswerTokenAt - firstTokenAt
    }

    /// Whether the request reasoned before (or instead of) answering, by its text or the
    /// server's count.
    public var hasReasoned: Bool {
        !reasoningText.isEmpty || reasoningTextTruncatedBytes > 0 || (thinkingTokens?.value ?? 0) > 0
    }

    /// How long the answer took: from the first answer chunk to the end of the response.
    public var answerDuration: Duration? { firstAnswerTokenAt.map { finishedAt - $0 } }

    /// The answer's decode speed in tokens per second, `(answer_tokens − 1) / answer time`, as
    /// ``decodeTokensPerSecond`` is for the whole output; absent below 2 answer tokens or when
    /// the answer took no measurable time.
    public var answerDecodeTokensPerSecond: Double? {
        guard let tokens = answerTokens?.value, tokens > 1, let seconds = answerDuration?.seconds, seconds > 0
        else { return nil }
        return Double(tokens - 1) / seconds
    }

    /// Gaps between consecutive text-bearing chunks, stored or folded.
    public var tokenGapCount: Int { interTokenGapsNanoseconds.count + (tokenGapOverflow?.count ?? 0) }

    /// The mean of every inter-token gap, stored or folded; `nil` without a gap.
    public var meanInterTokenGap: Duration? {
        guard tokenGapCount > 0 else { return nil }
        let stored = interTokenGapsNanoseconds.reduce(0) { $0.saturatingAdding(Int($1)) }
        let total = stored.saturatingAdding(Int(tokenGapOverflow?.sumNanoseconds ?? 0))
        return .nanoseconds(total) / tokenGapCount
    }

    /// End-to-end latency, from `sentAt` to the end of the response.
    public var endToEndLatency: Duration? { sentAt.map { finishedAt - $0 } }

    /// Latency as the load model sees it: `finishedAt − scheduledAt` (includes the client queue
    /// and the schedule lag).
    public var latencyFromSchedule: Duration { finishedAt - scheduledAt }

    /// Time per output token, `(E2E − TTFT) / (output_tokens − 1)`; absent below 2 tokens.
    public var timePerOutputToken: Duration? {
        guard let e2e = endToEndLatency, let ttft = timeToFirstToken, let tokens = outputTokens?.value,
            tokens > 1
        else { return nil }
        return (e2e - ttft) / (tokens - 1)
    }

    /// Decode speed in tokens per second, `(output_tokens − 1) / (E2E − TTFT)`; absent below 2
    /// tokens or when the decode phase took no measurable time.
    public var decodeTokensPerSecond: Double? {
        guard let e2e = endToEndLatency, let ttft = timeToFirstToken, let tokens = outputTokens?.value,
            tokens > 1
        else { return nil }
        let seconds = (e2e - ttft).seconds
        return seconds > 0 ? Double(tokens - 1) / seconds : nil
    }
}

extension RequestRecord {
    /// The server's own decode rate: llama.cpp's `predicted_per_second`, or Ollama's
    /// `eval_count / eval_duration`. Kept beside the client's ``decodeTokensPerSecond``.
    public var serverDecodeTokensPerSecond: Double? {
        serverTimings?.decodeTokensPerSecond
            ?? Self.serverRate(outputTokens, serverTimings?.evalDurationNanoseconds)
    }

    /// The server's own prompt processing rate: llama.cpp's `prompt_per_second`, or Ollama's
    /// `prompt_eval_count / prompt_eval_duration`.
    public var serverPromptTokensPerSecond: Double? {
        serverTimings?.promptTokensPerSecond
            ?? Self.serverRate(promptTokens, serverTimings?.promptEvalDurationNanoseconds)
    }

    /// Tokens per second from the server's own count and duration; never from an estimate.
    private static func serverRate(_ tokens: TokenCount?, _ nanoseconds: Int64?) -> Double? {
        guard let tokens, tokens.source == .server, let nanoseconds, nanoseconds > 0 else { return nil }
        return Double(tokens.value) / (Double(nanoseconds) / 1e9)
    }

    /// `E2E − total_duration`: time the server did not account for — the network, HTTP and
    /// queueing outside the model runner, and the client itself. Ollama reports `total_duration`;
    /// for llama.cpp the server's time is its `prompt_ms + predicted_ms`.
    public var clientSideOverhead: Duration? {
        guard let e2e = endToEndLatency, let timings = serverTimings else { return nil }
        if let total = timings.totalDurationNanoseconds { return e2e - .nanoseconds(total) }
        guard let prompt = timings.promptEvalDurationNanoseconds, let eval = timings.evalDurationNanoseconds,
            prompt <= Int64.max - eval
        else { return nil }
        return e2e - .nanoseconds(prompt + eval)
    }
}

extension Duration {
    /// The duration in seconds as a `Double`.
    public var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }

    /// The duration in milliseconds as a `Double`.
    public var milliseconds: Double { seconds * 1000 }

    /// The duration in whole nanoseconds (saturating at `Int64` bounds).
    public var nanoseconds: Int64 {
        let (s, atto) = components
        let (product, overflow) = s.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return s < 0 ? .min : .max }
        return product + atto / 1_000_000_000
    }
}
