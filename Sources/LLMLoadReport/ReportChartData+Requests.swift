import LLMLoadCore
import LLMLoadMetrics

extension ReportChartData {
    /// Per-request charts beyond TTFT and E2E, from the same thinned rows of `requests.csv`:
    /// schedule lag and latency from schedule over time, a reasoning model's thinking and answer
    /// time, and prompt tokens against their `--input-tokens` target. Each part is empty when
    /// the run has nothing for it, and the script then draws no chart.
    struct RequestCharts: Encodable {
        /// Schedule lag at each request's scheduled second, with the warning bound.
        var scheduledSeconds: [Double] = []
        var scheduleLagMs: [Double?] = []
        var lagBoundMs = RunWarning.scheduleLagBoundMs
        /// Latency from schedule at each request's completion second (``Points/seconds``).
        var completedSeconds: [Double] = []
        var latencyFromScheduleMs: [Double?] = []
        /// The requests that reasoned, in order of completion: their thinking and answer time.
        var reasoningSeconds: [Double] = []
        var thinkingMs: [Double] = []
        var answerMs: [Double] = []
        /// Requests with a server prompt count and a target, at their completion second.
        var inputSeconds: [Double] = []
        var promptTokens: [Double] = []
        var targetPromptTokens: [Double] = []

        private enum CodingKeys: String, CodingKey {
            case scheduledSeconds, scheduleLagMs, lagBoundMs, completedSeconds, latencyFromScheduleMs
            case reasoningSeconds, thinkingMs, answerMs, inputSeconds, promptTokens, targetPromptTokens
        }

        /// Each series a ``NumberColumn``: up to 20,000 values each.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(NumberColumn(scheduledSeconds), forKey: .scheduledSeconds)
            try container.encode(NumberColumn(scheduleLagMs), forKey: .scheduleLagMs)
            try container.encode(lagBoundMs, forKey: .lagBoundMs)
            try container.encode(NumberColumn(completedSeconds), forKey: .completedSeconds)
            try container.encode(NumberColumn(latencyFromScheduleMs), forKey: .latencyFromScheduleMs)
            try container.encode(NumberColumn(reasoningSeconds), forKey: .reasoningSeconds)
            try container.encode(NumberColumn(thinkingMs), forKey: .thinkingMs)
            try container.encode(NumberColumn(answerMs), forKey: .answerMs)
            try container.encode(NumberColumn(inputSeconds), forKey: .inputSeconds)
            try container.encode(NumberColumn(promptTokens), forKey: .promptTokens)
            try container.encode(NumberColumn(targetPromptTokens), forKey: .targetPromptTokens)
        }

        init(_ points: ReportInput.Points) {
            let f = points.figures
            guard f.scheduledSeconds.count == points.seconds.count else { return }
            scheduledSeconds = f.scheduledSeconds
            scheduleLagMs = f.scheduleLagMs
            completedSeconds = points.seconds
            latencyFromScheduleMs = f.latencyFromScheduleMs
            for (i, second) in points.seconds.enumerated() {
                if let thinking = f.thinkingMs[i], let answer = f.answerMs[i] {
                    reasoningSeconds.append(second)
                    thinkingMs.append(thinking)
                    answerMs.append(answer)
                }
                if let prompt = f.promptTokens[i], let target = f.targetPromptTokens[i] {
                    inputSeconds.append(second)
                    promptTokens.append(prompt)
                    targetPromptTokens.append(target)
                }
            }
        }
    }
}
