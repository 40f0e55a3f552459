import Foundation
import LLMLoadBackends
import LLMLoadMetrics
import LLMLoadScheduler

extension LoadRun {
    /// The run's statistics and description, as `summary.json` and the console show them.
    func makeSummary(
        aggregator: Aggregator,
        timeSeries: [TimeSeries.Bucket],
        dispatch: LoadDispatcher<ContinuousClock>.Report,
        target: TargetDiscovery.Target,
        pattern: String,
        startedAt: Date,
        endedAt: Date,
        loopDelay: ClientLoopDelay,
        eventLoops: Int
    ) -> RunSummary {
        var timeSeries = timeSeries
        loopDelay.annotate(&timeSeries)
        var summary = RunSummary(
            aggregator: aggregator,
            timeSeries: timeSeries,
            tool: .init(name: "llmload", version: Self.toolVersion),
            run: .init(
                startedAt: startedAt.formatted(.iso8601), endedAt: endedAt.formatted(.iso8601),
                interrupted: dispatch.stopReason == .interrupted, stopReason: dispatch.stopReason.rawValue,
                windowS: aggregator.windowSeconds,
                drainCancelledInFlight: dispatch.cancelledInFlight
            ),
            target: .init(
                url: configuration.target.baseURL, api: target.api.rawValue, model: target.model,
                serverVersion: target.serverVersion, simulated: configuration.target.isSimulated,
                tlsVerified: !configuration.target.isInsecure
            ),
            load: .init(
                pattern: pattern, offeredRatePerS: configuration.load.offeredRatePerSecond,
                durationS: configuration.load.duration.seconds, maxRequests: configuration.load.maximumRequests,
                timeoutS: configuration.requests.timeout.seconds,
                drainTimeoutS: configuration.load.drainTimeout.seconds,
                maxOutputTokens: configuration.requests.maxOutputTokens, stream: configuration.requests.isStreaming,
                warmupS: configuration.load.warmupDuration?.seconds,
                warmupRequests: configuration.load.warmupRequestCount,
                seed: configuration.load.poissonSeed,
                concurrency: configuration.load.closedLoopUsers,
                thinkTimeS: configuration.load.closedLoopThinkTime?.seconds
            )
        )
        summary.client = RunSummary.Client(delay: loopDelay, eventLoops: eventLoops, timeseries: timeSeries)
        // Beside the latency histograms, so shards of a run merge it too.
        summary.histograms["client_event_loop_delay_ms"] = loopDelay.measured.snapshot
        return summary
    }
}
