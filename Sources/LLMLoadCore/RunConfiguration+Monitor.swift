extension RunConfiguration {
    /// What the resource monitor samples during the run, and how often.
    public struct Monitor: Sendable, Equatable {
        /// The shortest interval the monitor accepts: `/proc/stat` counts in 10 ms ticks, so
        /// shorter spans make CPU figures mostly rounding.
        public static let minimumSampleInterval = Duration.milliseconds(100)

        public var sampleInterval: Duration
        /// A process to watch besides the machine (usually the server under test).
        public var process: ProcessSelector?
        public var gpus: GPUSelection
        /// The NVML library to load; `nil`: `$LLMLOAD_NVML_PATH`, else `libnvidia-ml.so.1`.
        public var nvmlLibraryPath: String?
        /// Where the server's own metrics are scraped from, every `sampleInterval`.
        public var serverMetrics: ServerMetricsSource

        public init(
            sampleInterval: Duration = .seconds(1), process: ProcessSelector? = nil, gpus: GPUSelection = .all,
            nvmlLibraryPath: String? = nil, serverMetrics: ServerMetricsSource = .auto
        ) {
            self.sampleInterval = sampleInterval
            self.process = process
            self.gpus = gpus
            self.nvmlLibraryPath = nvmlLibraryPath
            self.serverMetrics = serverMetrics
        }
    }

    /// `--server-metrics`: the target's own `/metrics` (Ollama: `/api/ps`), a given
    /// Prometheus URL, or nothing.
    public enum ServerMetricsSource: Sendable, Equatable {
        case auto
        case url(String)
        case off
    }

    /// How the monitored process is named on the command line.
    public enum ProcessSelector: Sendable, Equatable {
        case pid(Int32)
        /// Matched against `/proc/<pid>/comm`, then the file name of the command's first word.
        case name(String)
    }

    /// Which GPUs the monitor reads.
    public enum GPUSelection: Sendable, Equatable {
        case none
        case all
        /// NVML device indices.
        case indices([Int])
    }
}
