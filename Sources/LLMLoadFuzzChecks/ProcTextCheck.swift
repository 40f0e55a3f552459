import LLMLoadMonitor

/// One input as each `/proc` file the monitor parses: every parser gives `nil` or figures that
/// can be real (none negative, busy within total, shares within 0–100 %), and never traps.
/// The kernel writes these files, but a container runtime or a FUSE `/proc` (lxcfs) may not.
public enum ProcTextCheck {
    /// Throws when a parser gives a figure no machine can have.
    public static func check(_ bytes: [UInt8]) throws(FuzzFinding) {
        let text = String(decoding: bytes, as: UTF8.self)
        if let stat = ProcStatParser.parse(text) {
            for times in [stat.total] + stat.cores {
                guard times.busy <= times.total else { throw FuzzFinding("/proc/stat: busy past total \(times)") }
                if let share = times.busyPercent(since: CPUTimes(busy: 0, total: 0)), !(0...100).contains(share) {
                    throw FuzzFinding("/proc/stat: busy share \(share) %")
                }
            }
        }
        if let memory = MemInfoParser.parse(text) {
            let figures = [memory.totalBytes, memory.availableBytes, memory.swapTotalBytes, memory.swapFreeBytes]
            guard figures.allSatisfy({ ($0 ?? 0) >= 0 }) else { throw FuzzFinding("/proc/meminfo: \(memory)") }
            if let share = memory.usedPercent, !(0...100).contains(share) {
                throw FuzzFinding("/proc/meminfo: used share \(share) % of \(memory)")
            }
        }
        _ = ProcessStatParser.cpuTicks(stat: text)
        if let bytes = ProcessStatParser.residentBytes(status: text), bytes < 0 {
            throw FuzzFinding("/proc/<pid>/status: VmRSS \(bytes) bytes")
        }
        if let load = LoadAverageParser.oneMinute(text), !(load.isFinite && load >= 0) {
            throw FuzzFinding("/proc/loadavg: load average \(load)")
        }
    }
}
