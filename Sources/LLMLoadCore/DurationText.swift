import Foundation

/// Durations as people write them: seconds (`10`, `0.5`) or with a unit (`250ms`, `10s`, `5m`, `1h`).
public enum DurationText {
    /// `nil` for text that is not a finite number with an optional unit, or that is a billion
    /// seconds or more (past `Duration`'s nanosecond range once converted).
    public static func parse(_ text: String) -> Duration? {
        let text = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        var number = Substring(text)
        var factor = 1.0
        for (suffix, value) in units where text.hasSuffix(suffix) {
            number = text.dropLast(suffix.count)
            factor = value
            break
        }
        guard let value = Double(number), value.isFinite else { return nil }
        let seconds = value * factor
        guard abs(seconds) < 1e9 else { return nil }
        return .nanoseconds(Int64((seconds * 1e9).rounded()))
    }
}
