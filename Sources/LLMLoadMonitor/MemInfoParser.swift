/// Memory figures of `/proc/meminfo`, in bytes.
public struct MemoryInfo: Sendable, Equatable {
    public var totalBytes: Int
    public var availableBytes: Int
    public var swapTotalBytes: Int?
    public var swapFreeBytes: Int?

    /// `MemTotal − MemAvailable`: what the page cache could not give back.
    public var usedBytes: Int { max(0, totalBytes - availableBytes) }
    public var usedPercent: Double? { totalBytes > 0 ? Double(usedBytes) / Double(totalBytes) * 100 : nil }
    public var swapUsedBytes: Int? {
        guard let swapTotalBytes, let swapFreeBytes else { return nil }
        return max(0, swapTotalBytes - swapFreeBytes)
    }
}

/// Parses `/proc/meminfo` (proc(5)).
public enum MemInfoParser {
    /// - Returns: `nil` without `MemTotal`, or without `MemAvailable` and the fields that
    ///   approximate it on kernels before 3.14 (`MemFree + Buffers + Cached`).
    public static func parse(_ text: String) -> MemoryInfo? {
        var bytes: [Substring: Int] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, let number = parts[1].split(whereSeparator: \.isWhitespace).first,
                let value = self.bytes(kibibytes: number)
            else {
                continue
            }
            bytes[parts[0]] = value
        }
        guard let total = bytes["MemTotal"] else { return nil }
        let available =
            bytes["MemAvailable"] ?? sum(bytes["MemFree"], bytes["Buffers"], bytes["Cached"])
        guard let available else { return nil }
        return MemoryInfo(
            totalBytes: total, availableBytes: available,
            swapTotalBytes: bytes["SwapTotal"], swapFreeBytes: bytes["SwapFree"]
        )
    }

    /// A count of KiB as bytes; `nil` for anything but a whole number of them that `Int` holds
    /// in bytes. The kernel writes no such thing, but an emulated `/proc` (lxcfs in a
    /// container) could, and the monitor must not trap on it.
    static func bytes(kibibytes text: Substring) -> Int? {
        guard let value = Int(text), value >= 0 else { return nil }
        let (bytes, overflow) = value.multipliedReportingOverflow(by: 1024)
        return overflow ? nil : bytes
    }

    /// `a + b + c` when all three are present and the sum fits.
    private static func sum(_ a: Int?, _ b: Int?, _ c: Int?) -> Int? {
        guard let a, let b, let c else { return nil }
        let (ab, first) = a.addingReportingOverflow(b)
        let (abc, second) = ab.addingReportingOverflow(c)
        return first || second ? nil : abc
    }
}
