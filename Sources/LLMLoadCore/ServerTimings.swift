/// The durations a server measured itself, kept beside the client's measurements.
///
/// Ollama reports these in nanoseconds on its final `done: true` object; any of them may be
/// absent (for example `prompt_eval_duration` when the prompt was cached).
public struct ServerTimings: Sendable, Hashable, Codable {
    public var totalDurationNanoseconds: Int64?
    public var loadDurationNanoseconds: Int64?
    public var promptEvalDurationNanoseconds: Int64?
    public var evalDurationNanoseconds: Int64?

    public init(
        totalDurationNanoseconds: Int64? = nil,
        loadDurationNanoseconds: Int64? = nil,
        promptEvalDurationNanoseconds: Int64? = nil,
        evalDurationNanoseconds: Int64? = nil
    ) {
        self.totalDurationNanoseconds = totalDurationNanoseconds
        self.loadDurationNanoseconds = loadDurationNanoseconds
        self.promptEvalDurationNanoseconds = promptEvalDurationNanoseconds
        self.evalDurationNanoseconds = evalDurationNanoseconds
    }
}
