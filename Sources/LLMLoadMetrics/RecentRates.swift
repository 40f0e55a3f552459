import LLMLoadCore

/// Requests and output tokens per second over the last few seconds, from running totals
/// sampled by the live display (not per request): the rate is the change between the newest
/// sample and the oldest one still inside the window.
public struct RecentRates: Sendable {
    /// A running total at one instant.
    private struct Sample {
        var elapsed: Duration
        var finished: Int
        var outputTokens: Int
    }

    public let window: Duration
    private var samples: [Sample] = [Sample(elapsed: .zero, finished: 0, outputTokens: 0)]

    public init(window: Duration = .seconds(5)) {
        self.window = window
    }

    /// Adds the totals seen at `elapsed` and returns the rates over the window ending there
    /// (over less at the start of a run).
    public mutating func add(
        elapsed: Duration, finished: Int, outputTokens: Int
    ) -> (requestsPerSecond: Double, outputTokensPerSecond: Double) {
        samples.append(Sample(elapsed: elapsed, finished: finished, outputTokens: outputTokens))
        // Keep the newest sample at or before the window's start, so the span covers the window.
        while samples.count > 2, samples[1].elapsed <= elapsed - window { samples.removeFirst() }
        let oldest = samples[0]
        let seconds = (elapsed - oldest.elapsed).seconds
        guard seconds > 0 else { return (0, 0) }
        return (
            Double(finished - oldest.finished) / seconds, Double(outputTokens - oldest.outputTokens) / seconds
        )
    }
}
