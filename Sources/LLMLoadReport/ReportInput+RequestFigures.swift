import CSV
import LLMLoadMetrics

extension ReportInput {
    /// Per-request figures of the successful measured requests, one entry per point in
    /// ``Points/seconds`` (so thinned alike): what the schedule, reasoning and input-length
    /// charts draw.
    public struct RequestFigures: Sendable, Equatable {
        /// When each request was due, seconds since the run's start: the time base of schedule lag.
        public var scheduledSeconds: [Double] = []
        public var scheduleLagMs: [Double?] = []
        public var latencyFromScheduleMs: [Double?] = []
        /// A reasoning model's thinking and answer time; `nil` for a request that did not reason.
        public var thinkingMs: [Double?] = []
        public var answerMs: [Double?] = []
        /// The server's prompt count and the length the prompt was built to have (`--input-tokens`).
        public var promptTokens: [Double?] = []
        public var targetPromptTokens: [Double?] = []

        public init() {}

        /// Adds the current row of `reader`.
        mutating func append(_ reader: CSVReader, scheduledMs: Double) {
            scheduledSeconds.append(scheduledMs / 1000)
            // The catalogue's columns by the catalogue's names, so a renamed column cannot leave
            // a chart empty without a compile error.
            func figure(_ metric: Metric) -> Double? { reader[metric.column].flatMap(Double.init) }
            scheduleLagMs.append(figure(.scheduleLag))
            latencyFromScheduleMs.append(figure(.latencyFromSchedule))
            let thinking = figure(.thinkingDuration)
            thinkingMs.append(thinking)
            answerMs.append(thinking == nil ? nil : figure(.answerDuration))
            let isServerCount = reader["prompt_tokens_source"] == "server"
            promptTokens.append(isServerCount ? reader["prompt_tokens"].flatMap(Double.init) : nil)
            targetPromptTokens.append(reader["target_prompt_tokens"].flatMap(Double.init))
        }
    }
}
