/// The durations a server measured itself, kept beside the client's measurements.
///
/// Ollama reports durations in nanoseconds on its final `done: true` object; llama.cpp sends
/// `timings` (milliseconds and rates) with its usage. Any of them may be absent (for example
/// `prompt_eval_duration` when the prompt was cached).
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
        self.totalDurationNanoseconds = totalDurationNanoseconds
        self.loadDurationNanoseconds = loadDurationNanoseconds
        self.promptEvalDurationNanoseconds = promptEvalDurationNanoseconds
        self.evalDurationNanoseconds = evalDurationNanoseconds
        self.promptTokensPerSecond = promptTokensPerSecond
        self.decodeTokensPerSecond = decodeTokensPerSecond
    }
}
