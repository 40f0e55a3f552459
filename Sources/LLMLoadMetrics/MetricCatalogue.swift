import LLMLoadCore

/// Every metric llmload summarises, in the order the outputs list them (the console and the
/// charts keep that order and leave out the metrics not meant for them). Each is computed from
/// a ``RequestRecord``, only for successful requests outside the warm-up.
public enum MetricCatalogue {
    public static let all: [Metric] = [
        .timeToFirstToken, .timeToFirstAnswerToken, .thinkingDuration, .endToEndLatency, .interTokenLatency,
        .timePerOutputToken, .decodeSpeed, .scheduleLag, .latencyFromSchedule, .thinkingTokens, .answerTokens,
        .answerDuration, .answerDecodeSpeed,
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
            for gap in request.interTokenGapsNanoseconds { distribution.record(Double(gap) / 1e6) }
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

    public static let latencyFromSchedule = Metric(
        id: "latency_from_schedule_ms", unit: .milliseconds,
        title: ("Latency from schedule (ms)", "自计划时间起的延迟（毫秒）"), value: { $0.latencyFromSchedule.milliseconds })
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
