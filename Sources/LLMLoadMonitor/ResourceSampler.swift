import LLMLoadCore

/// One step of the monitor: reads everything once and returns a ``ResourceSample``.
///
/// The loop (``SystemMonitor``) calls it at each interval; tests call it directly. Rates are
/// deltas between consecutive reads, so ``start(atSeconds:)`` takes the baseline first.
public struct ResourceSampler: Sendable {
    private var host: HostProbe
    private var process: ProcessProbe?
    private let gpus: GPUProbe?
    private var lastSeconds: Double?

    /// - Parameters:
    ///   - files: where `/proc` is.
    ///   - pid: the process to watch, if any.
    ///   - gpus: the GPUs to read, if any.
    public init(files: ProcFiles = ProcFiles(), pid: Int32? = nil, gpus: GPUProbe? = nil) {
        host = HostProbe(files: files)
        process = pid.map { ProcessProbe(pid: $0, files: files) }
        self.gpus = gpus
    }

    /// Reads the counters that rates are measured from, `seconds` after the origin.
    /// GPUs are not read here: NVML's utilisation already covers its own recent period.
    public mutating func start(atSeconds seconds: Double) {
        var baseline = ResourceSample(tS: seconds, spanS: 0)
        lastSeconds = seconds
        host.read(into: &baseline)
        process?.read(into: &baseline, seconds: seconds)
    }

    /// Reads every resource; rates cover the time since the previous read.
    public mutating func sample(atSeconds seconds: Double) -> ResourceSample {
        var sample = ResourceSample(tS: seconds, spanS: seconds - (lastSeconds ?? seconds))
        lastSeconds = seconds
        host.read(into: &sample)
        process?.read(into: &sample, seconds: seconds)
        sample.gpus = gpus?.read()
        return sample
    }

    /// Seconds from the origin of the previous read, if any.
    public var previousSeconds: Double? { lastSeconds }
}
