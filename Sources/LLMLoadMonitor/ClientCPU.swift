import Foundation
import LLMLoadCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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
        /// User + system CPU seconds of this process so far (`getrusage`).
        public var processSeconds: Double
        public var machine: CPUTimes?

        public init(at: ContinuousClock.Instant, processSeconds: Double, machine: CPUTimes?) {
            self.at = at
            self.processSeconds = processSeconds
            self.machine = machine
        }

        /// The counters now.
        public static func now(files: ProcFiles = ProcFiles()) -> Reading {
            var usage = rusage()
            #if canImport(Glibc)
                getrusage(RUSAGE_SELF.rawValue, &usage)
            #else
                getrusage(RUSAGE_SELF, &usage)
            #endif
            let seconds = { (time: timeval) in Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
            return Reading(
                at: .now, processSeconds: seconds(usage.ru_utime) + seconds(usage.ru_stime),
                machine: files.read("stat").flatMap(ProcStatParser.parse)?.total)
        }
    }

    /// What was used from `start` to `end`; `nil` when no time passed between them.
    public init?(from start: Reading, to end: Reading) {
        let span = (end.at - start.at).seconds
        guard span > 0 else { return nil }
        cores = max(0, end.processSeconds - start.processSeconds) / span
        machineStealPercent = end.machine.flatMap { later in start.machine.flatMap { later.stealPercent(since: $0) } }
    }
}
