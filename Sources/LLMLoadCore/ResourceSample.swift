/// One reading of the machine's resources, taken by the monitor during a run.
///
/// Every value is optional: a value that was not measured (no `/proc` on this OS, no GPU, no
/// process to watch, the first reading of a delta) is absent, never a zero standing in for it.
public struct ResourceSample: Sendable, Codable, Equatable {
    /// Seconds from the run's origin (the request time series' origin) to this reading.
    public var tS: Double
    /// Seconds this reading's rates (CPU %) cover: they end at `tS`.
    public var spanS: Double
    /// `true` when the span's midpoint lies in the warm-up.
    public var isWarmup = false
    /// Busy share of all cores together, 0–100.
    public var cpuPercent: Double?
    /// Busy share of each core, 0–100, in `/proc/stat` order.
    public var cpuPerCorePercent: [Double]?
    public var loadAverage1m: Double?
    /// `MemTotal − MemAvailable`.
    public var memoryUsedBytes: Int?
    public var memoryTotalBytes: Int?
    public var memoryUsedPercent: Double?
    public var swapUsedBytes: Int?
    /// The watched process: 100 is one core fully busy, so it exceeds 100 with several threads.
    public var processCpuPercent: Double?
    public var processRssBytes: Int?
    /// One entry per GPU read; `nil` when GPUs were not read at all.
    public var gpus: [GPUReading]?

    // `convertToSnakeCase` splits only at capitals; the underscore keeps `load_average_1m`.
    private enum CodingKeys: String, CodingKey {
        case tS, spanS, isWarmup, cpuPercent, cpuPerCorePercent
        case loadAverage1m = "loadAverage_1m"
        case memoryUsedBytes, memoryTotalBytes, memoryUsedPercent, swapUsedBytes, processCpuPercent, processRssBytes
        case gpus
    }

    public init(tS: Double, spanS: Double) {
        self.tS = tS
        self.spanS = spanS
    }

    /// The middle of the span this reading covers, in seconds from the origin: what decides
    /// its second in `timeseries.csv`, its phase and whether it is in the measured window.
    public var midpointS: Double { tS - spanS / 2 }
}

/// One GPU's state in a ``ResourceSample``.
public struct GPUReading: Sendable, Codable, Equatable {
    /// The NVML device index.
    public var index: Int
    public var utilizationPercent: Double?
    public var memoryUsedBytes: Int?
    public var memoryTotalBytes: Int?
    public var memoryUsedPercent: Double?
    public var powerWatts: Double?
    public var temperatureC: Double?
    public var smClockMhz: Double?

    public init(index: Int) {
        self.index = index
    }
}
