import Foundation
import LLMLoadCore

/// Reads one process's CPU share and resident memory.
struct ProcessProbe: Sendable {
    let pid: Int32
    let files: ProcFiles
    /// `sysconf(_SC_CLK_TCK)`: the unit of `/proc/<pid>/stat` times.
    let ticksPerSecond: Double
    private var previous: (ticks: UInt64, seconds: Double)?

    init(pid: Int32, files: ProcFiles, ticksPerSecond: Double = ProcessProbe.systemTicksPerSecond) {
        self.pid = pid
        self.files = files
        self.ticksPerSecond = ticksPerSecond
    }

    static var systemTicksPerSecond: Double {
        let ticks = sysconf(Int32(_SC_CLK_TCK))
        return ticks > 0 ? Double(ticks) : 100
    }

    /// Fills in the process's figures at `seconds` from the origin. The first read only sets
    /// the baseline of the CPU share; a process that has exited reads as absent.
    mutating func read(into sample: inout ResourceSample, seconds: Double) {
        guard let ticks = files.read("\(pid)/stat").flatMap(ProcessStatParser.cpuTicks) else {
            previous = nil
            return
        }
        if let previous, seconds > previous.seconds, ticks >= previous.ticks {
            sample.processCpuPercent =
                Double(ticks - previous.ticks) / ticksPerSecond / (seconds - previous.seconds) * 100
        }
        previous = (ticks, seconds)
        sample.processRssBytes = files.read("\(pid)/status").flatMap(ProcessStatParser.residentBytes)
    }
}
