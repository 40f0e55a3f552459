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
