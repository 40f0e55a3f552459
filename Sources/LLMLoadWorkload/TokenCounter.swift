/// Counts prompt tokens as the server under test does, for fitting synthetic prompts.
public protocol TokenCounter: Sendable {
    /// The prompt tokens the server counts for a request whose whole prompt is `text`
    /// (chat template included).
    func count(_ text: String) async throws -> Int
}
