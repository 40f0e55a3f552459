import Foundation
import LLMLoadBackends
import LLMLoadCore
import LLMLoadMetrics
import LLMLoadMonitor

extension LoadRun {
    /// What the sampling tasks of a run hand back when the load is over.
    private enum Sampled: Sendable {
        case resources([ResourceSample])
        case serverMetrics(ServerMetricsScraper.Outcome)
    }

    /// Runs `body` (the load) while `monitor` samples and `scraper` (if any) scrapes the
    /// server from `origin`, then stops both.
    ///
    /// Both are child tasks of the run (STYLE C2): they start before the first warm-up
    /// request is due and are cancelled once `body` has drained, so they cover the whole run.
    static func monitoring<T>(
        with monitor: SystemMonitor,
        scraping scraper: (ServerMetricsScraper, HTTPInferenceClient, URL)? = nil,
        from origin: ContinuousClock.Instant, _ body: () async -> T
    ) async -> (T, [ResourceSample], ServerMetricsScraper.Outcome?) {
        await withTaskGroup(of: Sampled.self) { group in
            group.addTask { .resources(await monitor.run(clock: ContinuousClock(), origin: origin)) }
            if let (scraper, client, file) = scraper {
                group.addTask { .serverMetrics(await scraper.run(client: client, file: file, origin: origin)) }
            }
            let value = await body()
            group.cancelAll()
            var (samples, outcome): ([ResourceSample], ServerMetricsScraper.Outcome?) = ([], nil)
            for await finished in group {
                switch finished {
                case .resources(let read): samples = read
                case .serverMetrics(let read): outcome = read
                }
            }
            return (value, samples, outcome)
        }
    }

    /// The summary's `resources` section from the monitor's samples.
    func makeResources(
        samples: [ResourceSample], monitor: SystemMonitor, aggregator: Aggregator, origin: ContinuousClock.Instant
    ) -> RunSummary.Resources {
        let warmupEndS = configuration.load.warmupSpan.seconds
        let marked = samples.map { sample in
            var sample = sample
            sample.isWarmup = sample.midpointS < warmupEndS
            return sample
        }
        let window = Self.measuredWindow(of: aggregator, from: origin)
        return RunSummary.Resources(
            samples: marked, sampleInterval: monitor.interval, gpuNote: monitor.gpuNote,
            process: monitor.process.map { RunSummary.WatchedProcess(pid: Int($0.pid), name: $0.name) },
            gpuNames: Dictionary(monitor.gpuDevices.compactMap { device in device.name.map { (device.index, $0) } }) {
                first, _ in first
            },
            measuredWindowS: window
        )
    }

    /// The measured window in seconds from `origin`: from the first measured request's
    /// scheduled instant to the end of the last response. Resource and server figures are
    /// summarised over it.
    static func measuredWindow(of aggregator: Aggregator, from origin: ContinuousClock.Instant) -> ClosedRange<Double>?
    {
        guard let first = aggregator.firstScheduledAt, let last = aggregator.lastFinishedAt else { return nil }
        let start = (first - origin).seconds
        return start...max(start, (last - origin).seconds)
    }
}
