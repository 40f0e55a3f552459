import LLMLoadCore

extension RunSummary {
    /// The shards' distinct failures, counts added, most frequent first as ``ErrorTally/sorted``
    /// orders them; past ``ErrorTally/maximumDistinct`` kinds, the rest as an overflow count.
    static func mergedErrors(_ summaries: [RunSummary]) -> (errors: [ErrorCount], overflow: Int) {
        struct Key: Hashable {
            var outcome: String
            var httpStatus: Int?
            var message: String
        }
        var counts: [Key: Int] = [:]
        for error in summaries.flatMap(\.errors) {
            let key = Key(outcome: error.outcome, httpStatus: error.httpStatus, message: error.message)
            counts[key, default: 0] = counts[key, default: 0].saturatingAdding(error.count)
        }
        let sorted = counts.sorted {
            ($0.value, $1.key.outcome, $1.key.message) > ($1.value, $0.key.outcome, $0.key.message)
        }
        let kept = sorted.prefix(ErrorTally.maximumDistinct).map {
            ErrorCount(outcome: $0.key.outcome, httpStatus: $0.key.httpStatus, message: $0.key.message, count: $0.value)
        }
        let overflow = sorted.dropFirst(ErrorTally.maximumDistinct).reduce(0) { $0.saturatingAdding($1.value) }
        return (kept, overflow)
    }

    /// The client section of the whole load: every shard's event loops, the loop delay from the
    /// added histograms, saturated when any shard was, in any second one was.
    static func mergedClient(
        _ summaries: [RunSummary], distributions: [String: Distribution], timeseries: [TimeSeries.Bucket]
    ) -> Client? {
        let clients = summaries.compactMap(\.client)
        guard let first = clients.first else { return nil }
        let seconds = Set(clients.flatMap(\.saturatedSeconds)).sorted()
        let firstMeasured = seconds.first { second in
            second >= timeseries.count || !timeseries[second].isWarmup
        }
        let rate = firstMeasured.flatMap { first in
            timeseries.last { $0.second <= first && $0.offered > 0 }.map { Double($0.offered) }
        }
        var client = Client(
            eventLoops: clients.reduce(0) { $0 + $1.eventLoops }, probeIntervalMs: first.probeIntervalMs,
            saturationBoundMs: first.saturationBoundMs,
            eventLoopDelayMs: distributions["client_event_loop_delay_ms"]?.summary,
            saturated: clients.contains(where: \.saturated), saturatedSeconds: seconds, saturatedFromRatePerS: rate)
        let cores = clients.compactMap(\.cpuCores)
        client.cpuCores = cores.count == clients.count ? cores.reduce(0, +) : nil
        client.machineStealPercent = clients.compactMap(\.machineStealPercent).max()
        return client
    }

    /// Every shard's resource samples together, in time order (each shard's time base is the
    /// common start), with statistics over all of them; each shard's own statistics are in
    /// ``Merge/Shard``.
    static func mergedResources(_ summaries: [RunSummary], measuredWindowS: ClosedRange<Double>?) -> Resources? {
        let all = summaries.compactMap(\.resources)
        guard let first = all.first else { return nil }
        var names: [Int: String] = [:]
        for gpu in all.flatMap({ $0.wholeRun.gpus ?? [] }) { names[gpu.index] = names[gpu.index] ?? gpu.name }
        let samples = all.flatMap(\.samples).sorted { $0.tS < $1.tS }
        var merged = Resources(
            samples: samples, sampleInterval: .milliseconds(first.sampleIntervalMs),
            gpuNote: all.lazy.compactMap(\.gpuNote).first, process: first.process, gpuNames: names,
            measuredWindowS: measuredWindowS)
        merged.sampleIntervalMs = first.sampleIntervalMs
        return merged
    }

    /// The shards' prompt-length comparisons together (`--input-tokens`).
    static func mergedInputTokens(_ parts: [InputTokens]) -> InputTokens? {
        guard var merged = parts.first else { return nil }
        let counted = parts.reduce(0) { $0 + $1.serverCounted }
        let deviationSum = parts.reduce(0.0) { $0 + ($1.meanDeviationTokens ?? 0) * Double($1.serverCounted) }
        merged.requests = parts.reduce(0) { $0 + $1.requests }
        merged.serverCounted = counted
        merged.withinTolerance = parts.reduce(0) { $0 + $1.withinTolerance }
        merged.shorterThanTarget = parts.reduce(0) { $0 + $1.shorterThanTarget }
        merged.longerThanTarget = parts.reduce(0) { $0 + $1.longerThanTarget }
        merged.meanDeviationTokens = counted > 0 ? deviationSum / Double(counted) : nil
        merged.minDeviationTokens = parts.compactMap(\.minDeviationTokens).min()
        merged.maxDeviationTokens = parts.compactMap(\.maxDeviationTokens).max()
        merged.maxDeviationPercent = parts.compactMap(\.maxDeviationPercent).max()
        merged.shortRequestIndexes = Array(
            parts.flatMap(\.shortRequestIndexes).sorted().prefix(InputTokenComparison.listedShortRequests))
        return merged
    }
}
