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
        var kilobytes: [Substring: Int] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, let number = parts[1].split(whereSeparator: \.isWhitespace).first,
                let value = Int(number)
            else {
                continue
            }
            kilobytes[parts[0]] = value
        }
        guard let total = kilobytes["MemTotal"] else { return nil }
        let available =
            kilobytes["MemAvailable"]
            ?? zip3(kilobytes["MemFree"], kilobytes["Buffers"], kilobytes["Cached"]).map { $0 + $1 + $2 }
        guard let available else { return nil }
        return MemoryInfo(
            totalBytes: total * 1024, availableBytes: available * 1024,
            swapTotalBytes: kilobytes["SwapTotal"].map { $0 * 1024 },
            swapFreeBytes: kilobytes["SwapFree"].map { $0 * 1024 }
        )
    }
}

private func zip3(_ a: Int?, _ b: Int?, _ c: Int?) -> (Int, Int, Int)? {
    guard let a, let b, let c else { return nil }
    return (a, b, c)
}
