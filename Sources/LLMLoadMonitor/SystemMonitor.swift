import Foundation
import LLMLoadCore

/// Samples the machine's resources for the whole run, in its own task, never on the request
/// path (STYLE C10).
///
/// ``prepare(_:files:environment:)`` resolves everything that can fail (the process, the GPU
/// indices) before any load is sent; ``run(clock:origin:)`` then samples until cancelled.
public struct SystemMonitor: Sendable {
    /// The process being watched.
    public struct WatchedProcess: Sendable, Equatable {
        public var pid: Int32
        public var name: String

        public init(pid: Int32, name: String) {
            self.pid = pid
            self.name = name
        }
    }

    public let interval: Duration
    public let process: WatchedProcess?
    /// The GPUs read; empty when none is.
    public let gpuDevices: [GPUProbe.Device]
    /// Why no GPU is read, when none is.
    public let gpuNote: String?
    private let sampler: ResourceSampler

    /// Resolves the configuration into a monitor ready to run.
    /// - Throws: ``MonitorError`` for a process that does not exist or a GPU index NVML
    ///   does not list.
    public static func prepare(
        _ configuration: RunConfiguration.Monitor,
        files: ProcFiles = ProcFiles(),
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(MonitorError) -> SystemMonitor {
        var process: WatchedProcess?
        switch configuration.process {
        case .pid(let pid):
            guard let found = ProcessLocator.find(pid: pid, in: files) else { throw .processNotFound(pid: pid) }
            process = WatchedProcess(pid: found.pid, name: found.name)
        case .name(let name):
            let own = ProcessInfo.processInfo.processIdentifier
            guard let found = ProcessLocator.find(name: name, in: files, excluding: own) else {
                throw .processNameNotFound(name)
            }
            process = WatchedProcess(pid: found.pid, name: found.name)
        case nil:
            break
        }
        let path =
            configuration.nvmlLibraryPath ?? environment["LLMLOAD_NVML_PATH"].flatMap { $0.isEmpty ? nil : $0 }
            ?? NVMLLibrary.defaultPath
        let gpus: GPUProbe?
        let note: String?
        switch try GPUProbe.open(path: path, selection: configuration.gpus) {
        case .opened(let probe): (gpus, note) = (probe, nil)
        case .unavailable(let reason): (gpus, note) = (nil, reason)
        }
        return SystemMonitor(
            interval: max(configuration.sampleInterval, RunConfiguration.Monitor.minimumSampleInterval),
            process: process, gpuDevices: gpus?.devices ?? [], gpuNote: note,
            sampler: ResourceSampler(files: files, pid: process?.pid, gpus: gpus)
        )
    }

    /// Samples at `origin + k × interval` (k = 1, 2, …; absolute deadlines, so no drift) until
    /// the task is cancelled, then once more to cover the run's last part when at least the
    /// minimum interval has passed since the last sample.
    /// - Returns: every sample, in time order.
    public func run<C: Clock<Duration>>(clock: C, origin: C.Instant) async -> [ResourceSample] {
        var sampler = sampler
        var samples: [ResourceSample] = []
        func seconds() -> Double { origin.duration(to: clock.now).seconds }
        sampler.start(atSeconds: seconds())
        var deadline = origin.advanced(by: interval)
        while true {
            do {
                try await clock.sleep(until: deadline, tolerance: nil)
            } catch {
                break
            }
            samples.append(sampler.sample(atSeconds: seconds()))
            deadline = deadline.advanced(by: interval)
            // After a stall (a suspended machine), skip missed instants rather than burst.
            while deadline < clock.now { deadline = deadline.advanced(by: interval) }
        }
        let now = seconds()
        if now - (sampler.previousSeconds ?? now) >= RunConfiguration.Monitor.minimumSampleInterval.seconds {
            samples.append(sampler.sample(atSeconds: now))
        }
        return samples
    }
}
