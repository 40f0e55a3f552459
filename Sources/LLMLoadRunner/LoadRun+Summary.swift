import Foundation
import LLMLoadBackends
import LLMLoadCore
import LLMLoadMetrics
import LLMLoadMonitor
import LLMLoadReport
import LLMLoadScheduler

extension LoadRun {
    /// The run's description, resolved once discovery and prompt fitting are done: what
    /// `config.json` holds and `summary.json` embeds.
    func makeDescription(
        target: TargetDiscovery.Target, versions: [String?] = [], folder: RunFolder, gpus: [String],
        workload: PreparedWorkload, preflight: [PreflightFinding]
    ) -> RunDescription {
        var host = HostFacts.current()
        host.gpus = gpus
        var description = RunDescription(
            configuration: configuration, api: target.api.rawValue, model: target.model,
            serverVersion: target.serverVersion, toolVersion: Self.toolVersion,
            commandLine: CommandLine.arguments, outputFolder: folder.url.path, host: host,
            inputCalibration: workload.calibration, contextLength: workload.template.contextLength,
            preflight: preflight
        )
        let urls = configuration.target.baseURLs
        if urls.count > 1 {
            description.target.replicas = urls.enumerated().map { position, url in
                RunDescription.Target.Replica(
                    number: position + 1, url: url,
                    serverVersion: versions.indices.contains(position) ? versions[position] : nil)
            }
            description.target.balance = configuration.target.balance.rawValue
        }
        return description
    }

    /// Writes `config.json`; returns why it could not, if it could not.
    static func write(_ description: RunDescription, to folder: RunFolder) -> String? {
        do {
            try description.encoded().write(to: folder.file("config.json"), options: .atomic)
            return nil
        } catch {
            return "config.json: \(error.localizedDescription)"
        }
    }

    /// The run's statistics, with its description, as `summary.json` and the console show them.
    func makeSummary(
        aggregator: Aggregator,
        timeSeries: [TimeSeries.Bucket],
        dispatch: LoadDispatcher<ContinuousClock>.Report,
        description: RunDescription,
        startedAt: Date,
        endedAt: Date,
        loopDelay: ClientLoopDelay,
        eventLoops: Int,
        clientCPU: ClientCPU?
    ) -> RunSummary {
        var timeSeries = timeSeries
        loopDelay.annotate(&timeSeries)
        var summary = RunSummary(
            aggregator: aggregator,
            timeSeries: timeSeries,
            runDescription: description,
            run: .init(
                startedAt: DateText.iso8601(startedAt), endedAt: DateText.iso8601(endedAt),
                interrupted: dispatch.stopReason == .interrupted, stopReason: dispatch.stopReason.rawValue,
                windowS: aggregator.windowSeconds,
                drainCancelledInFlight: dispatch.cancelledInFlight
            )
        )
        summary.client = RunSummary.Client(delay: loopDelay, eventLoops: eventLoops, timeseries: timeSeries)
        summary.client?.cpuCores = clientCPU?.cores
        summary.client?.machineStealPercent = clientCPU?.machineStealPercent
        // Beside the latency histograms, so shards of a run merge it too.
        summary.histograms["client_event_loop_delay_ms"] = loopDelay.measured.snapshot
        return summary
    }
}
