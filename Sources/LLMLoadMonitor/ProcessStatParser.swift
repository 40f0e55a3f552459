/// Parses a process's `/proc/<pid>/stat` and `/proc/<pid>/status` (proc(5)).
public enum ProcessStatParser {
    /// User plus system CPU time of the process (its threads included), in clock ticks; `nil`
    /// when they are missing or their sum overflows.
    ///
    /// The command name in parentheses may hold spaces and parentheses itself, so fields are
    /// counted after the **last** `)`: `utime` and `stime` are the 12th and 13th there.
    public static func cpuTicks(stat text: String) -> UInt64? {
        guard let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(whereSeparator: \.isWhitespace)
        guard fields.count > 12, let user = UInt64(fields[11]), let system = UInt64(fields[12]) else { return nil }
        let (ticks, overflow) = user.addingReportingOverflow(system)
        return overflow ? nil : ticks
    }

    /// `VmRSS` in bytes; `nil` for kernel threads and zombies, which have none (and for a
    /// figure no process can have: negative, or past `Int` in bytes).
    public static func residentBytes(status text: String) -> Int? {
        for line in text.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            return line.dropFirst(6).split(whereSeparator: \.isWhitespace).first.flatMap(MemInfoParser.bytes)
        }
        return nil
    }
}
