import LLMLoadCore

extension RunSummary {
    /// The client's own state through the run (`summary.json` → `client`): how late its event
    /// loops ran (``ClientLoopDelay``), and whether that made the latency figures unreliable.
    public struct Client: Sendable, Codable, Equatable {
        /// Event loops reading responses, each probed.
        public var eventLoops: Int
        public var probeIntervalMs: Double
        /// The loop-delay P99 above which the client counts as saturated.
        public var saturationBoundMs: Double
        /// Loop delays over the measured window; absent when no probe fell in it.
        public var eventLoopDelayMs: DistributionSummary?
        /// The loop-delay P99 over the measured window is above the bound: TTFT, ITL, TPOT,
        /// decode speed and E2E are not reliable.
        public var saturated: Bool
        /// Seconds of `timeseries` whose own loop-delay P99 is above the bound, warm-up included.
        public var saturatedSeconds: [Int]
        /// Requests offered in the first saturated second after the warm-up (in the drain, the
        /// last second that offered any); absent when no such second was saturated.
        public var saturatedFromRatePerS: Double?
        /// The client process's own CPU time from the start of the load to the end of the drain,
        /// in cores (1 = one core busy throughout); merged shards add theirs. A client whose loops
        /// ran late while it used well under one core was kept off the CPU by other work: see
        /// ``ownWorkCoresBound``. Absent in files from before it existed.
        public var cpuCores: Double?
        /// The machine's CPU steal over the same span (a virtual machine's host running others),
        /// percent of all CPU time; the largest of merged shards'. Absent where not readable.
        public var machineStealPercent: Double?

        /// Below this many cores of its own CPU, a saturated client was not saturated by its own
        /// work: a loop behind with reading needs most of a core.
        public static let ownWorkCoresBound = 0.5

        /// The client's own CPU, in cores, when it was under ``ownWorkCoresBound``: late loops
        /// were then not the load's doing. `nil` when it was not, or is unknown.
        public var keptOffCPUCores: Double? { Self.keptOffCPU(cpuCores) }

        /// `cores`, when under ``ownWorkCoresBound``; `nil` otherwise or when unknown.
        public static func keptOffCPU(_ cores: Double?) -> Double? {
            cores.flatMap { $0 < ownWorkCoresBound ? $0 : nil }
        }

        public init(
            eventLoops: Int, probeIntervalMs: Double, saturationBoundMs: Double, eventLoopDelayMs: DistributionSummary?,
            saturated: Bool, saturatedSeconds: [Int], saturatedFromRatePerS: Double?
        ) {
            self.eventLoops = eventLoops
            self.probeIntervalMs = probeIntervalMs
            self.saturationBoundMs = saturationBoundMs
            self.eventLoopDelayMs = eventLoopDelayMs
            self.saturated = saturated
            self.saturatedSeconds = saturatedSeconds
            self.saturatedFromRatePerS = saturatedFromRatePerS
        }

        /// The section for `delay`, with the offered rates of `timeseries`.
        public init(delay: ClientLoopDelay, eventLoops: Int, timeseries: [TimeSeries.Bucket]) {
            let seconds = delay.perSecond.filter(\.isSaturated).map(\.second)
            let firstMeasured = seconds.first { Duration.seconds($0) >= delay.measuredFrom }
            let rate = firstMeasured.flatMap { first in
                timeseries.last { $0.second <= first && $0.offered > 0 }.map { Double($0.offered) }
            }
            self.init(
                eventLoops: eventLoops, probeIntervalMs: ClientLoopDelay.probeInterval.milliseconds,
                saturationBoundMs: ClientLoopDelay.bound.milliseconds, eventLoopDelayMs: delay.measured.summary,
                saturated: delay.isSaturated, saturatedSeconds: seconds, saturatedFromRatePerS: rate)
        }
    }
}

extension ClientLoopDelay {
    /// Writes each second's loop delay and saturation into the time series' buckets of the
    /// same second; seconds after the last bucket have no request to distort and are left out.
    public func annotate(_ buckets: inout [TimeSeries.Bucket]) {
        // Bucket i is second i (``TimeSeries/buckets()``).
        for figures in perSecond where figures.second < buckets.count {
            let index = figures.second
            buckets[index].clientLoopDelayP99Ms = figures.p99Ms
            buckets[index].clientLoopDelayMaxMs = figures.maximumMs
            buckets[index].isClientSaturated = figures.isSaturated
        }
    }
}
