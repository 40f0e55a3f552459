/// The short text that makes each request's prompt unique (`[k3x9a-17] `), so that no server
/// cache can match it with an earlier prompt and hide the prefill. `run` is random per run.
public struct PromptTag: Sendable, Hashable {
    public let run: String

    public init(run: String) {
        self.run = run
    }

    /// A tag for a fresh run.
    public static func random() -> PromptTag {
        PromptTag(run: String(UInt32.random(in: 0...UInt32.max), radix: 36))
    }

    /// The tag of request `index`, the index written with six digits at least: every tag of a
    /// run then has the same tokens, so a prompt fitted to a length keeps it whatever its index.
    public func text(forRequest index: Int) -> String {
        let digits = String(index)
        return "[\(run)-\(String(repeating: "0", count: max(0, 6 - digits.count)))\(digits)] "
    }
}
