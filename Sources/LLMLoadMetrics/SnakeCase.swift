/// Key names between `summary.json` (snake case) and Swift properties (camel case).
public enum SnakeCase {
    /// The property name whose `convertToSnakeCase` is `key` (`ttft_ms` → `ttftMs`), including
    /// `p99_9`: an underscore before a digit is kept, because `convertToSnakeCase` never inserts
    /// one there.
    public static func camelCase(_ key: String) -> String {
        let parts = key.split(separator: "_", omittingEmptySubsequences: false)
        var result = String(parts.first ?? "")
        for part in parts.dropFirst() {
            if let first = part.first, first.isLetter {
                result += first.uppercased() + part.dropFirst()
            } else {
                result += "_" + part
            }
        }
        return result
    }
}
