import LLMLoadCore

extension SweepSummary.Point {
    /// The client's loops ran late while it used under ``RunSummary/Client/ownWorkCoresBound``
    /// of a core: the machine or its host kept it off the CPU, the load did not saturate it
    /// (the run's "CLIENT DELAYED" warning). Fewer requests a second would not help.
    public var clientDelayed: Bool {
        clientSaturated && RunSummary.Client.keptOffCPU(clientCpuCores) != nil
    }

    /// The point of a finished run: its figures from `summary`, judged against `goals`.
    /// - Parameter stopReason: why the sweep ended the run early, if it did.
    public init(
        index: Int, folder: String, summary s: RunSummary, goals: SweepSummary.Goals, stopReason: SweepSummary.Text?
    ) {
        var latency: [String: SweepSummary.Percentiles] = [:]
        for metric in MetricCatalogue.all {
            if let d = s.latency[metric] { latency[metric.id] = .init(p50: d.p50, p90: d.p90, p99: d.p99) }
        }
        let load = s.runDescription.load
        let offered = load.concurrency == nil ? load.offeredRatePerS : nil
        self.init(
            index: index, folder: folder, offeredRatePerS: offered, concurrency: load.concurrency,
            requests: s.requests.total, succeeded: s.requests.byOutcome[RequestOutcome.ok.rawValue] ?? 0,
            latency: latency, passed: false)
        achievedRatePerS = s.throughput.requestsPerS
        if let steady = Self.steadyWindow(s) {
            steadyRatePerS = steady.completedPerSecond
            if offered != nil { keptUpShare = steady.keptUpShare }
        }
        clientSaturated = s.client?.saturated == true
        clientCpuCores = s.client?.cpuCores
        errorRate = s.requests.errorRate
        outputTokensPerS = s.throughput.outputTokensPerS
        perUserTokensPerS = s.latency[.decodeSpeed]?.p50
        goodputShare = s.goodput?.share
        let measured = s.resources?.measured
        cpuMaxPercent = measured?.cpuPercent?.max
        gpuUtilizationMaxPercent = measured?.gpus?.compactMap { $0.utilizationPercent?.max }.max()
        gpuMemoryMaxBytes = measured?.gpus?.compactMap { $0.memoryUsedBytes?.max }.max()
        let stop = stopReason ?? (s.run.interrupted ? .interrupted : nil)
        self.stopReason = stop?.en
        chineseStopReason = stop?.zh
        let failure = Self.failure(of: self, goals: goals)
        failedBecause = failure?.en
        chineseFailedBecause = failure?.zh
        passed = failure == nil
    }

    /// The seconds from the end of the first answer's latency (the median end-to-end latency,
    /// in whole seconds) to the end of sending (the duration, or, if the run was stopped, the
    /// last whole second before its stop): the load without its ramp-up or the drain after it.
    /// The second a stop cut short is left out: it sent a request or two while the queue went
    /// on completing a second's worth, which read as a server keeping up. Over
    /// them, successful completions per second, and their share of the requests sent — against
    /// what was *sent*, not what was due, so a client that fell behind is not read as a server
    /// that did. `nil` when that leaves under two whole seconds, or nothing was sent in them.
    static func steadyWindow(_ s: RunSummary) -> (completedPerSecond: Double, keptUpShare: Double)? {
        guard let first = s.timeseries.firstIndex(where: { !$0.isWarmup }),
            let lastSend = s.timeseries.lastIndex(where: { $0.sent > 0 })
        else { return nil }
        let settle = Int(((s.latency[.endToEndLatency]?.p50 ?? 0) / 1000).rounded(.up))
        let start = first + settle
        let endOfSending = s.run.interrupted ? lastSend : lastSend + 1
        let end = min(first + Int(s.runDescription.load.durationS.rounded(.down)), endOfSending)
        guard end - start >= 2 else { return nil }
        let window = s.timeseries[start..<end]
        let completed = window.reduce(0) { $0 + $1.completed }
        let sent = window.reduce(0) { $0 + $1.sent }
        guard sent > 0 else { return nil }
        return (Double(completed) / Double(end - start), Double(completed) / Double(sent))
    }
}
