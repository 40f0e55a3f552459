import LLMLoadCore

/// The CPU this process itself used over a span, and the machine's CPU steal meanwhile: what
/// tells a client whose event loops ran late because of its own work from one that other work
/// kept off the CPU (other processes, or a virtual machine's host).
public struct ClientCPU: Sendable, Equatable {
    /// The process's user + system CPU time, in cores: 1 is one core busy all the span.
    public var cores: Double
    /// The share of all the machine's CPU time its host ran something else, 0–100; `nil`
    /// where `/proc/stat` could not be read.
    public var machineStealPercent: Double?

    public init(cores: Double, machineStealPercent: Double?) {
        self.cores = cores
        self.machineStealPercent = machineStealPercent
    }

    /// One reading of the counters; two make a ``ClientCPU``.
    public struct Reading: Sendable, Equatable {
        public var at: ContinuousClock.Instant
        /// User + system CPU seconds of this process so far (`/proc/self/stat`, as the monitor
        /// reads a watched process); `nil` where it could not be read.
        public var processSeconds: Double?
        public var machine: CPUTimes?

        public init(at: ContinuousClock.Instant, processSeconds: Double?, machine: CPUTimes?) {
            self.at = at
            self.processSeconds = processSeconds
            self.machine = machine
        }

        /// The counters now.
        public static func now(files: ProcFiles = ProcFiles()) -> Reading {
            let ticks = files.read("self/stat").flatMap(ProcessStatParser.cpuTicks)
            return Reading(
                at: .now, processSeconds: ticks.map { Double($0) / ProcessProbe.systemTicksPerSecond },
                machine: files.read("stat").flatMap(ProcStatParser.parse)?.total)
        }
    }

    /// What was used from `start` to `end`; `nil` when no time passed between them or the
    /// process's CPU time could not be read.
    public init?(from start: Reading, to end: Reading) {
        let span = (end.at - start.at).seconds
        guard span > 0, let first = start.processSeconds, let last = end.processSeconds else { return nil }
        cores = max(0, last - first) / span
        machineStealPercent = end.machine.flatMap { later in start.machine.flatMap { later.stealPercent(since: $0) } }
    }
}
