/// Parses `/proc/loadavg`: "0.52 0.58 0.59 1/467 12345".
public enum LoadAverageParser {
    /// The one-minute load average, or `nil` when the first field is not a number a load
    /// can be (`Double` also reads `nan`, `inf` and negative numbers).
    public static func oneMinute(_ text: String) -> Double? {
        guard let field = text.split(whereSeparator: \.isWhitespace).first, let load = Double(field),
            load.isFinite, load >= 0
        else { return nil }
        return load
    }
}
