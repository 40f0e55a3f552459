/// Cumulative CPU time of one `cpu` line of `/proc/stat`, in clock ticks.
public struct CPUTimes: Sendable, Equatable {
    /// Ticks spent neither idle nor waiting for I/O.
    public var busy: UInt64
    /// Ticks of every kind (guest time is already inside user and nice, so not added again).
    public var total: UInt64
    /// Ticks a virtual machine's CPUs were ready but its host ran something else (`steal`,
    /// inside `busy`); 0 on bare metal and on kernels without the column.
    public var steal: UInt64

    public init(busy: UInt64, total: UInt64, steal: UInt64 = 0) {
        self.busy = busy
        self.total = total
        self.steal = steal
    }

    /// The steal share of all CPU time, 0–100, from `earlier` to these counters; `nil` when no
    /// tick passed or the counters went backwards.
    public func stealPercent(since earlier: CPUTimes) -> Double? {
        guard total > earlier.total, steal >= earlier.steal else { return nil }
        return min(100, Double(steal - earlier.steal) / Double(total - earlier.total) * 100)
    }

    /// The busy share, 0–100, from `earlier` to these counters; `nil` when no tick passed or
    /// the counters went backwards (a CPU taken offline and back resets its line).
    public func busyPercent(since earlier: CPUTimes) -> Double? {
        guard total > earlier.total, busy >= earlier.busy else { return nil }
        return min(100, Double(busy - earlier.busy) / Double(total - earlier.total) * 100)
    }
}

/// The CPU lines of `/proc/stat`: all cores together, and each core present.
public struct ProcStat: Sendable, Equatable {
    public var total: CPUTimes
    /// In file order. Offline cores have no line, so this can be shorter than the core count.
    public var cores: [CPUTimes]
}

/// Parses `/proc/stat` (proc(5)).
public enum ProcStatParser {
    /// - Returns: `nil` when the aggregate `cpu` line is missing, has fewer than four numbers or
    ///   counters whose sum overflows.
    public static func parse(_ text: String) -> ProcStat? {
        var total: CPUTimes?
        var cores: [CPUTimes] = []
        for line in text.split(separator: "\n") where line.hasPrefix("cpu") {
            let fields = line.split(whereSeparator: \.isWhitespace)
            guard let label = fields.first, let times = times(fields.dropFirst()) else { continue }
            if label == "cpu" {
                total = times
            } else if label.dropFirst(3).allSatisfy(\.isNumber) {
                cores.append(times)
            }
        }
        return total.map { ProcStat(total: $0, cores: cores) }
    }

    /// Columns: user nice system idle iowait irq softirq steal guest guest_nice. Kernels before
    /// 2.6 give only the first four; later columns count as zero when absent.
    private static func times(_ columns: ArraySlice<Substring>) -> CPUTimes? {
        let values = columns.prefix(8).compactMap { UInt64($0) }
        guard values.count >= 4, values.count == min(columns.count, 8) else { return nil }
        // Counters near 2^64 cannot come from a kernel; refuse them rather than trap on the sum.
        var total: UInt64 = 0
        for value in values {
            let (sum, overflow) = total.addingReportingOverflow(value)
            guard !overflow else { return nil }
            total = sum
        }
        let idle = values[3] + (values.count > 4 ? values[4] : 0)  // within `total`: cannot overflow
        return CPUTimes(busy: total - idle, total: total, steal: values.count > 7 ? values[7] : 0)
    }
}
