/// The durations a server measured itself, kept beside the client's measurements.
///
/// Ollama reports durations in nanoseconds on its final `done: true` object; llama.cpp sends
/// `timings` (milliseconds and rates) with its usage. Any of them may be absent (for example
/// `prompt_eval_duration` when the prompt was cached). A negative duration or rate, or a rate
/// that is not finite, is no measurement at all: it is left out, as if the server had not sent
/// it (a count or duration cannot be below zero, and a file must never hold an infinity).
public struct ServerTimings: Sendable, Hashable, Codable {
    public var totalDurationNanoseconds: Int64?
    public var loadDurationNanoseconds: Int64?
    public var promptEvalDurationNanoseconds: Int64?
    public var evalDurationNanoseconds: Int64?
    /// The server's own prompt processing rate (llama.cpp `prompt_per_second`).
    public var promptTokensPerSecond: Double?
    /// The server's own decode rate (llama.cpp `predicted_per_second`).
    public var decodeTokensPerSecond: Double?

    public init(
        totalDurationNanoseconds: Int64? = nil,
        loadDurationNanoseconds: Int64? = nil,
        promptEvalDurationNanoseconds: Int64? = nil,
        evalDurationNanoseconds: Int64? = nil,
        promptTokensPerSecond: Double? = nil,
        decodeTokensPerSecond: Double? = nil
    ) {
        func duration(_ value: Int64?) -> Int64? { value.flatMap { $0 >= 0 ? $0 : nil } }
        func rate(_ value: Double?) -> Double? { value.flatMap { $0 >= 0 && $0.isFinite ? $0 : nil } }
        self.totalDurationNanoseconds = duration(totalDurationNanoseconds)
        self.loadDurationNanoseconds = duration(loadDurationNanoseconds)
        self.promptEvalDurationNanoseconds = duration(promptEvalDurationNanoseconds)
        self.evalDurationNanoseconds = duration(evalDurationNanoseconds)
        self.promptTokensPerSecond = rate(promptTokensPerSecond)
        self.decodeTokensPerSecond = rate(decodeTokensPerSecond)
    }
}
