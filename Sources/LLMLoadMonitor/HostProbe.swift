import LLMLoadCore

/// Reads the machine's CPU, load average and memory from `/proc`.
struct HostProbe: Sendable {
    let files: ProcFiles
    private var previous: ProcStat?

    init(files: ProcFiles) {
        self.files = files
    }

    /// Fills in the machine's figures. CPU shares are deltas: the first read only sets the
    /// baseline. On a system without `/proc` nothing is filled in.
    mutating func read(into sample: inout ResourceSample) {
        if let stat = files.read("stat").flatMap(ProcStatParser.parse) {
            if let previous {
                sample.cpuPercent = stat.total.busyPercent(since: previous.total)
                if stat.cores.count == previous.cores.count, !stat.cores.isEmpty {
                    let cores = zip(stat.cores, previous.cores).map { $0.busyPercent(since: $1) }
                    // A core without a tick in the span (or reset) leaves the list out: a list
                    // with holes would shift the columns.
                    if cores.allSatisfy({ $0 != nil }) { sample.cpuPerCorePercent = cores.compactMap { $0 } }
                }
            }
            previous = stat
        }
        sample.loadAverage1m = files.read("loadavg").flatMap(LoadAverageParser.oneMinute)
        if let memory = files.read("meminfo").flatMap(MemInfoParser.parse) {
            sample.memoryUsedBytes = memory.usedBytes
            sample.memoryTotalBytes = memory.totalBytes
            sample.memoryUsedPercent = memory.usedPercent
            sample.swapUsedBytes = memory.swapUsedBytes
        }
    }
}
