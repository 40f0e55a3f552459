import LLMLoadCore

/// One line of `responses.jsonl`: what was asked, what came back, how fast, and how it ended.
/// The report reads these back for its sample of responses.
public struct ResponseEntry: Sendable, Codable, Equatable {
    public var index: Int
    /// `warmup` or `measure`, as in `requests.csv`.
    public var phase: String
    public var outcome: String
    public var httpStatus: Int?
    public var error: String?
    public var finishReason: String?
    /// Scheduled instant, in seconds since the run's start.
    public var scheduledS: Double
    public var ttftMs: Double?
    public var e2eMs: Double?
    public var promptTokens: Int?
    /// The prompt tokens the request was built to have (`--input-tokens`).
    public var targetPromptTokens: Int?
    public var outputTokens: Int?
    /// `server` or `estimated`.
    public var outputTokensSource: String?
    public var prompt: String
    public var response: String
    public var reasoning: String

    enum CodingKeys: String, CodingKey {
        case index, phase, outcome, error, prompt, response, reasoning
        case httpStatus = "http_status"
        case finishReason = "finish_reason"
        case scheduledS = "scheduled_s"
        case ttftMs = "ttft_ms"
        case e2eMs = "e2e_ms"
        case promptTokens = "prompt_tokens"
        case targetPromptTokens = "target_prompt_tokens"
        case outputTokens = "output_tokens"
        case outputTokensSource = "output_tokens_source"
    }

    public init(record r: RequestRecord, prompt: String, origin: ContinuousClock.Instant) {
        index = r.index
        phase = r.isWarmup ? "warmup" : "measure"
        outcome = r.outcome.rawValue
        httpStatus = r.httpStatus
        error = r.errorMessage
        finishReason = r.finishReason
        scheduledS = Self.microseconds((r.scheduledAt - origin).seconds, scale: 1e6)
        ttftMs = r.timeToFirstToken.map { Self.microseconds($0.milliseconds, scale: 1e3) }
        e2eMs = r.endToEndLatency.map { Self.microseconds($0.milliseconds, scale: 1e3) }
        promptTokens = r.promptTokens?.value
        targetPromptTokens = r.targetPromptTokens
        outputTokens = r.outputTokens?.value
        outputTokensSource = r.outputTokens?.source.rawValue
        self.prompt = prompt
        response = r.responseText
        reasoning = r.reasoningText
    }

    /// Rounded to whole microseconds (`scale`: microseconds per unit), as in `requests.csv`.
    static func microseconds(_ value: Double, scale: Double) -> Double { (value * scale).rounded() / scale }
}
