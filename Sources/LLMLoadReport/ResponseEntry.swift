import LLMLoadCore

/// One line of `responses.jsonl`: what was asked, what came back, how fast, and how it ended.
/// The report reads these back for its sample of responses.
public struct ResponseEntry: Sendable, Codable, Equatable {
    public var index: Int
    /// `warmup` or `measure`, as in `requests.csv`.
    public var phase: String
    public var outcome: String
    public var httpStatus: Int?
    /// The error text as the runner redacted and cut it (``RequestRecord/redactForOutputs(_:)``).
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
    /// The answer, up to ``ResponseLimits/answerTextBytes``.
    public var response: String
    public var reasoning: String
    /// Answer bytes received past the cap and not kept; absent when nothing was cut.
    public var responseTruncatedBytes: Int?
    /// Reasoning bytes received past the cap and not kept; absent when nothing was cut.
    public var reasoningTruncatedBytes: Int?

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
        case responseTruncatedBytes = "response_truncated_bytes"
        case reasoningTruncatedBytes = "reasoning_truncated_bytes"
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
        responseTruncatedBytes = r.responseTextTruncatedBytes > 0 ? r.responseTextTruncatedBytes : nil
        reasoningTruncatedBytes = r.reasoningTextTruncatedBytes > 0 ? r.reasoningTextTruncatedBytes : nil
    }

    /// Rounded to whole microseconds (`scale`: microseconds per unit), as in `requests.csv`.
    static func microseconds(_ value: Double, scale: Double) -> Double { (value * scale).rounded() / scale }
}

extension ResponseEntry {
    /// Appends the entry as one line of `responses.jsonl` (with its newline): the bytes
    /// `JSONEncoder` writes with `.sortedKeys` and `.withoutEscapingSlashes`, absent values left
    /// out, but without an encoder per entry.
    func appendJSONLine(to bytes: inout [UInt8]) {
        var isFirst = true
        func key(_ name: StaticString) {
            bytes.append(isFirst ? UInt8(ascii: "{") : UInt8(ascii: ","))
            isFirst = false
            bytes.append(UInt8(ascii: "\""))
            bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
            bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        }
        func string(_ name: StaticString, _ value: String?) {
            guard let value else { return }
            key(name)
            JSONStringEscaper.appendString(value, to: &bytes)
        }
        func integer(_ name: StaticString, _ value: Int?) {
            guard let value else { return }
            key(name)
            DecimalText.appendInteger(value, to: &bytes)
        }
        func number(_ name: StaticString, _ value: Double?) {
            guard let value else { return }
            key(name)
            JSONStringEscaper.appendNumber(value, to: &bytes)
        }
        // In the order of the keys' names, as `.sortedKeys` writes them.
        number("e2e_ms", e2eMs)
        string("error", error)
        string("finish_reason", finishReason)
        integer("http_status", httpStatus)
        integer("index", index)
        string("outcome", outcome)
        integer("output_tokens", outputTokens)
        string("output_tokens_source", outputTokensSource)
        string("phase", phase)
        string("prompt", prompt)
        integer("prompt_tokens", promptTokens)
        string("reasoning", reasoning)
        integer("reasoning_truncated_bytes", reasoningTruncatedBytes)
        string("response", response)
        integer("response_truncated_bytes", responseTruncatedBytes)
        number("scheduled_s", scheduledS)
        integer("target_prompt_tokens", targetPromptTokens)
        number("ttft_ms", ttftMs)
        bytes.append(contentsOf: [UInt8(ascii: "}"), UInt8(ascii: "\n")])
    }
}
