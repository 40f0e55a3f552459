/// Parses `/proc/loadavg`: "0.52 0.58 0.59 1/467 12345".
public enum LoadAverageParser {
    /// The one-minute load average, or `nil` when the first field is not a number.
    public static func oneMinute(_ text: String) -> Double? {
        text.split(whereSeparator: \.isWhitespace).first.flatMap { Double($0) }
    }
}
