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

        mutating func reserveCapacity(_ count: Int) {
            scheduledSeconds.reserveCapacity(count)
            scheduleLagMs.reserveCapacity(count)
            latencyFromScheduleMs.reserveCapacity(count)
            thinkingMs.reserveCapacity(count)
            answerMs.reserveCapacity(count)
            promptTokens.reserveCapacity(count)
            targetPromptTokens.reserveCapacity(count)
        }

        /// Adds the current row of `reader`.
        mutating func append(_ reader: CSVRecordReader, _ columns: RequestColumns, scheduledMs: Double) {
            scheduledSeconds.append(scheduledMs / 1000)
            scheduleLagMs.append(reader.double(columns.scheduleLag))
            latencyFromScheduleMs.append(reader.double(columns.latencyFromSchedule))
            let thinking = reader.double(columns.thinking)
            thinkingMs.append(thinking)
            answerMs.append(thinking == nil ? nil : reader.double(columns.answer))
            let isServerCount = reader.field(columns.promptTokensSource, is: "server")
            promptTokens.append(isServerCount ? reader.double(columns.promptTokens) : nil)
            targetPromptTokens.append(reader.double(columns.targetPromptTokens))
        }
    }

    /// Where the columns the report reads are in one `requests.csv`, found once from its header.
    struct RequestColumns {
        let phase, outcome, scheduled, finished, e2e, ttft: Int?
        let scheduleLag, latencyFromSchedule, thinking, answer: Int?
        let promptTokensSource, promptTokens, targetPromptTokens: Int?

        init(_ reader: CSVRecordReader) {
            phase = reader.column("phase")
            outcome = reader.column("outcome")
            scheduled = reader.column("scheduled_ms")
            finished = reader.column("finished_ms")
            e2e = reader.column("e2e_ms")
            ttft = reader.column("ttft_ms")
            // The catalogue's columns by the catalogue's names, so a renamed column cannot leave
            // a chart empty without a compile error.
            scheduleLag = reader.column(Metric.scheduleLag.column)
            latencyFromSchedule = reader.column(Metric.latencyFromSchedule.column)
            thinking = reader.column(Metric.thinkingDuration.column)
            answer = reader.column(Metric.answerDuration.column)
            promptTokensSource = reader.column("prompt_tokens_source")
            promptTokens = reader.column("prompt_tokens")
            targetPromptTokens = reader.column("target_prompt_tokens")
        }
    }
}
