import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Dates as text by the C library, not by Foundation's formatters: those reach ICU through
/// `TimeZone` and `Calendar`, and ICU's tables then stayed in a run's memory (5.6 MB of its peak
/// RSS) for two timestamps and a folder name.
public enum DateText {
    /// UTC to the second, `2026-12-02T17:32:28Z`: what `Date.formatted(.iso8601)` writes.
    public static func iso8601(_ date: Date) -> String {
        format(date, "%Y-%m-%dT%H:%M:%SZ", isLocal: false)
    }

    /// The machine's local time to the second, `20261202-173228`: what `DateFormatter` wrote with
    /// `yyyyMMdd-HHmmss` and `TimeZone.current`.
    public static func compactLocal(_ date: Date) -> String {
        format(date, "%Y%m%d-%H%M%S", isLocal: true)
    }

    private static func format(_ date: Date, _ pattern: String, isLocal: Bool) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        if isLocal { localtime_r(&seconds, &parts) } else { gmtime_r(&seconds, &parts) }
        var text = [CChar](repeating: 0, count: 64)
        let count = strftime(&text, text.count, pattern, &parts)
        return String(decoding: text[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
