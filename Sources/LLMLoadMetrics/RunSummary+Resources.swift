import LLMLoadCore

extension RunSummary {
    /// What the resource monitor saw: every sample, and statistics over the measured window
    /// and over the whole run.
    public struct Resources: Sendable, Codable, Equatable {
        public var sampleIntervalMs: Double
        /// Why GPUs were not read (no NVML, no driver, `--gpu none`); absent when they were.
        public var gpuNote: String?
        /// The watched process, if any.
        public var process: WatchedProcess?
        /// Every sample, in time order.
        public var samples: [ResourceSample]
        /// Samples whose span's midpoint lies in the run's measured window (the one
        /// `run.window_s` measures: first measured scheduled instant to last response end).
        public var measured: Statistics
        /// Every sample: warm-up and drain included.
        public var wholeRun: Statistics

        public init(
            sampleIntervalMs: Double, gpuNote: String?, process: WatchedProcess?, samples: [ResourceSample],
            measured: Statistics, wholeRun: Statistics
        ) {
            self.sampleIntervalMs = sampleIntervalMs
            self.gpuNote = gpuNote
            self.process = process
            self.samples = samples
            self.measured = measured
            self.wholeRun = wholeRun
        }

        /// Builds the section from the samples.
        /// - Parameters:
        ///   - gpuNames: NVML names by device index.
        ///   - measuredWindowS: the measured window in seconds from the origin; `nil` when
        ///     no measured request ran.
        public init(
            samples: [ResourceSample], sampleInterval: Duration, gpuNote: String?, process: WatchedProcess?,
            gpuNames: [Int: String], measuredWindowS: ClosedRange<Double>?
        ) {
            let measured = measuredWindowS.map { window in samples.filter { window.contains($0.midpointS) } } ?? []
            self.init(
                sampleIntervalMs: sampleInterval.seconds * 1000, gpuNote: gpuNote, process: process, samples: samples,
                measured: Statistics(measured, gpuNames: gpuNames),
                wholeRun: Statistics(samples, gpuNames: gpuNames)
            )
        }
    }

    /// The process the monitor watched.
    public struct WatchedProcess: Sendable, Codable, Equatable {
        public var pid: Int
        public var name: String

        public init(pid: Int, name: String) {
            self.pid = pid
            self.name = name
        }
    }

    /// Statistics of each resource figure over a set of samples; a figure no sample had is absent.
    public struct Statistics: Sendable, Codable, Equatable {
        public var cpuPercent: ResourceStatistic?
        public var memoryUsedPercent: ResourceStatistic?
        public var memoryUsedBytes: ResourceStatistic?
        public var processCpuPercent: ResourceStatistic?
        public var processRssBytes: ResourceStatistic?
        /// One entry per GPU read, by index; absent when no GPU was read.
        public var gpus: [GPU]?

        /// One GPU's statistics.
        public struct GPU: Sendable, Codable, Equatable {
            public var index: Int
            public var name: String?
            public var utilizationPercent: ResourceStatistic?
            public var memoryUsedBytes: ResourceStatistic?
            public var memoryUsedPercent: ResourceStatistic?
            public var powerWatts: ResourceStatistic?
            public var temperatureC: ResourceStatistic?
        }

        public init(_ samples: [ResourceSample], gpuNames: [Int: String]) {
            func statistic(_ value: (ResourceSample) -> Double?) -> ResourceStatistic? {
                ResourceStatistic(samples.compactMap(value))
            }
            cpuPercent = statistic(\.cpuPercent)
            memoryUsedPercent = statistic(\.memoryUsedPercent)
            memoryUsedBytes = statistic { $0.memoryUsedBytes.map(Double.init) }
            processCpuPercent = statistic(\.processCpuPercent)
            processRssBytes = statistic { $0.processRssBytes.map(Double.init) }
            let readings = samples.flatMap { $0.gpus ?? [] }
            let indices = Set(readings.map(\.index)).union(gpuNames.keys).sorted()
            gpus =
                indices.isEmpty
                ? nil
                : indices.map { index in
                    let mine = readings.filter { $0.index == index }
                    func statistic(_ value: (GPUReading) -> Double?) -> ResourceStatistic? {
                        ResourceStatistic(mine.compactMap(value))
                    }
                    return GPU(
                        index: index, name: gpuNames[index], utilizationPercent: statistic(\.utilizationPercent),
                        memoryUsedBytes: statistic { $0.memoryUsedBytes.map(Double.init) },
                        memoryUsedPercent: statistic(\.memoryUsedPercent), powerWatts: statistic(\.powerWatts),
                        temperatureC: statistic(\.temperatureC)
                    )
                }
        }
    }
}
