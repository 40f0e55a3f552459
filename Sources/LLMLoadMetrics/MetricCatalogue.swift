import LLMLoadCore

/// Every metric llmload summarises, in the order the outputs list them (the console and the
/// charts keep that order and leave out the metrics not meant for them). Each is computed from
/// a ``RequestRecord``, only for successful requests outside the warm-up.
public enum MetricCatalogue {
    public static let all: [Metric] = [
        .timeToFirstToken, .timeToFirstAnswerToken, .thinkingDuration, .endToEndLatency, .interTokenLatency,
        .timePerOutputToken, .decodeSpeed, .scheduleLag, .latencyFromSchedule,
        .serverDecodeSpeed, .serverPromptSpeed, .serverPromptEvaluation, .clientOverhead, .clientQueueTime,
        .thinkingTokens, .answerTokens, .answerDuration, .answerDecodeSpeed,
    ]

    /// The catalogue's metric with `id`, if there is one.
    public static func metric(_ id: String) -> Metric? { all.first { $0.id == id } }
}

extension Metric {
    public static let timeToFirstToken = Metric(
        id: "ttft_ms", unit: .milliseconds, consoleLabel: "TTFT ms", title: ("TTFT (ms)", "首 token 延迟（毫秒）"),
        isCharted: true, value: { $0.timeToFirstToken?.milliseconds })

    /// In the CSV for every request; summarised only over requests that reasoned first, since
    /// for the others it is their TTFT again.
    public static let timeToFirstAnswerToken = Metric(
        id: "time_to_first_answer_token_ms", unit: .milliseconds, consoleLabel: "TTFA ms",
        title: ("Time to first answer token (ms)", "首个回答 token 时间（毫秒）"), isCharted: true, isOptional: true,
        value: { $0.timeToFirstAnswerToken?.milliseconds },
        record: { request, distribution in
            guard request.thinkingDuration != nil, let value = request.timeToFirstAnswerToken else { return }
            distribution.record(value.milliseconds)
        })

    public static let thinkingDuration = Metric(
        id: "thinking_ms", unit: .milliseconds, consoleLabel: "Think ms", title: ("Thinking time (ms)", "思考时间（毫秒）"),
        isCharted: true, isOptional: true, value: { $0.thinkingDuration?.milliseconds })

    public static let endToEndLatency = Metric(
        id: "e2e_ms", unit: .milliseconds, consoleLabel: "E2E ms", title: ("E2E latency (ms)", "端到端延迟（毫秒）"),
        isCharted: true, value: { $0.endToEndLatency?.milliseconds })

    /// Every gap between text-bearing chunks is a value, folded ones included; the CSV holds
    /// each request's mean gap.
    public static let interTokenLatency = Metric(
        id: "itl_ms", unit: .milliseconds, consoleLabel: "ITL ms", title: ("Inter-token latency (ms)", "token 间延迟（毫秒）"),
        isCharted: true, column: "mean_itl_ms", value: { $0.meanInterTokenGap?.milliseconds },
        record: { request, distribution in
            distribution.recordMilliseconds(nanoseconds: request.interTokenGapsNanoseconds)
            if let overflow = request.tokenGapOverflow { distribution.merge(Distribution(overflow)) }
        })

    public static let timePerOutputToken = Metric(
        id: "tpot_ms", unit: .milliseconds, consoleLabel: "TPOT ms",
        title: ("Time per output token (ms)", "每个输出 token 时间（毫秒）"), isCharted: true,
        value: { $0.timePerOutputToken?.milliseconds })

    public static let decodeSpeed = Metric(
        id: "decode_speed_tokens_per_s", unit: .tokensPerSecond, consoleLabel: "Decode tok/s",
        title: ("Decode speed (tokens/s)", "解码速度（token/秒）"), isCharted: true, column: "decode_tokens_per_s",
        value: { $0.decodeTokensPerSecond })

    public static let scheduleLag = Metric(
        id: "schedule_lag_ms", unit: .milliseconds, consoleLabel: "Lag ms", title: ("Schedule lag (ms)", "调度延迟（毫秒）"),
        value: { $0.scheduleLag?.milliseconds })

    /// With `--max-in-flight` only: the wait in the client for a slot, from the scheduled
    /// instant to the end of the request that freed the slot (zero when one was free). Apart
    /// from the schedule lag, which then counts from the end of this wait, and from the server's
    /// latency; `latency_from_schedule_ms` holds all three.
    public static let clientQueueTime = Metric(
        id: "client_queue_ms", unit: .milliseconds, consoleLabel: "Queue ms",
        title: ("Client queue (ms)", "客户端排队时间（毫秒）"), isCharted: true, isOptional: true,
        value: { $0.clientQueueTime?.milliseconds })

    public static let latencyFromSchedule = Metric(
        id: "latency_from_schedule_ms", unit: .milliseconds,
        title: ("Latency from schedule (ms)", "自计划时间起的延迟（毫秒）"), value: { $0.latencyFromSchedule.milliseconds })

    /// The server's own decode rate (llama.cpp `predicted_per_second`, Ollama `eval_count /
    /// eval_duration`), beside the client's ``decodeSpeed``; only for servers that report it.
    public static let serverDecodeSpeed = Metric(
        id: "server_decode_speed_tokens_per_s", unit: .tokensPerSecond, consoleLabel: "Server tok/s",
        title: ("Server-side decode speed (tokens/s)", "服务器端解码速度（token/秒）"), isCharted: true, isOptional: true,
        column: "server_decode_tokens_per_s", value: { $0.serverDecodeTokensPerSecond })

    public static let serverPromptSpeed = Metric(
        id: "server_prompt_speed_tokens_per_s", unit: .tokensPerSecond,
        title: ("Server-side prompt speed (tokens/s)", "服务器端提示词处理速度（token/秒）"), isOptional: true,
        column: "server_prompt_tokens_per_s", value: { $0.serverPromptTokensPerSecond })

    /// How long the server says the prompt took (Ollama `prompt_eval_duration`, llama.cpp `prompt_ms`).
    public static let serverPromptEvaluation = Metric(
        id: "server_prompt_eval_ms", unit: .milliseconds, consoleLabel: "Srv prompt ms",
        title: ("Server-side prompt time (ms)", "服务器端提示词处理时间（毫秒）"), isOptional: true,
        column: "server_prompt_eval_duration_ms",
        value: { $0.serverTimings?.promptEvalDurationNanoseconds.map { Double($0) / 1e6 } })

    /// E2E less the time the server accounted for: the network, HTTP, the client itself, and
    /// any wait in the server's queue (llama.cpp's timings leave out a deferred request's wait).
    public static let clientOverhead = Metric(
        id: "client_overhead_ms", unit: .milliseconds, consoleLabel: "Overhead ms",
        title: ("Outside the server's timings: queue, network, client (ms)", "服务器计时之外：排队、网络、客户端（毫秒）"),
        isCharted: true, isOptional: true,
        value: { $0.clientSideOverhead?.milliseconds })
}

extension Distribution {
    /// The inter-token gaps a request folded past its stored ones, as an inter-token latency
    /// distribution (milliseconds): the same buckets and exact sums recording each gap gives.
    init(_ overflow: TokenGapOverflow) {
        self = .milliseconds()
        restore(
            buckets: overflow.microsecondBuckets.map { ($0.key, UInt64($0.value)) }, count: overflow.count,
            sum: overflow.sumMilliseconds, sumOfSquares: overflow.sumOfSquaresMilliseconds,
            minimum: overflow.minimumMilliseconds, maximum: overflow.maximumMilliseconds)
    }
}
