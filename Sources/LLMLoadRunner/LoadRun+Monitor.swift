import LLMLoadCore
import LLMLoadMetrics
import LLMLoadMonitor

extension LoadRun {
    /// Runs `body` (the load) while `monitor` samples from `origin`, then stops the monitor.
    ///
    /// The monitor is a child task of the run (STYLE C2): it starts before the first warm-up
    /// request is due and is cancelled once `body` has drained, so it covers the whole run.
    static func monitoring<T>(
        with monitor: SystemMonitor, from origin: ContinuousClock.Instant, _ body: () async -> T
    ) async -> (T, [ResourceSample]) {
        await withTaskGroup(of: [ResourceSample].self) { group in
            group.addTask { await monitor.run(clock: ContinuousClock(), origin: origin) }
            let value = await body()
            group.cancelAll()
            return (value, await group.next() ?? [])
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
        let window = aggregator.firstScheduledAt.flatMap { first in
            aggregator.lastFinishedAt.map { last in
                (first - origin).seconds...max((first - origin).seconds, (last - origin).seconds)
            }
        }
        return RunSummary.Resources(
            samples: marked, sampleInterval: monitor.interval, gpuNote: monitor.gpuNote,
            process: monitor.process.map { RunSummary.WatchedProcess(pid: Int($0.pid), name: $0.name) },
            gpuNames: Dictionary(monitor.gpuDevices.compactMap { device in device.name.map { (device.index, $0) } }) {
                first, _ in first
            },
            measuredWindowS: window
        )
    }
}
