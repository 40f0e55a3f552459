import Foundation
import LLMLoadBackends
import LLMLoadCore
import LLMLoadMetrics

extension LoadRun {
    /// The summary's `server_metrics` section from what the scraper saw.
    func makeServerMetrics(
        _ outcome: ServerMetricsScraper.Outcome, scraper: ServerMetricsScraper, interval: Duration,
        aggregator: Aggregator, origin: ContinuousClock.Instant
    ) -> RunSummary.ServerMetrics {
        let warmupEndS = configuration.load.warmupSpan.seconds
        let samples = outcome.samples.map { sample in
            var sample = sample
            sample.isWarmup = sample.tS < warmupEndS
            return sample
        }
        let window = Self.measuredWindow(of: aggregator, from: origin)
        let (first, last) = (outcome.reader.firstCounters, outcome.reader.lastCounters)
        var growth: [String: Double] = [:]
        for id in last.keys {
            if let grown = ServerMetricsReader.growth(id, from: first, to: last) { growth[id] = grown }
        }
        return RunSummary.ServerMetrics(
            url: scraper.url, server: outcome.reader.server, sampleIntervalMs: interval.seconds * 1000,
            scrapes: outcome.scrapes, failedScrapes: outcome.failures, failure: outcome.failure,
            stoppedBecause: outcome.stoppedBecause, samples: samples, counterGrowth: growth,
            prefixCacheHitPercent: ServerMetricsReader.hitPercent { growth[$0] }, measuredWindowS: window)
    }
}
