import LLMLoadBackends
import LLMLoadCore

/// Judges what the server said about its own state (``ServerStateProbe``) against the load
/// asked for: one ``PreflightFinding`` per fact, risk, or check that could not be made.
/// Pure, so every rule is tested without a server.
package struct Preflight: Sendable {
    var model: String
    /// The closed loop's users; `nil` for an open loop.
    var closedLoopUsers: Int?
    /// The open loop's cap on requests in flight (`--max-in-flight`); `nil` without one.
    var maximumInFlight: Int?
    /// How many replicas share the load (`--url` repeated): each server is judged against its
    /// share of the users.
    package var replicaCount = 1
    /// The longest prompt the run sends (`--input-tokens`' upper bound); `nil` when unknown.
    var longestPromptTokens: Int?
    var maxOutputTokens: Int?
    /// Whether the run starts with a warm-up, whose requests would pay a model's load time.
    var hasWarmup: Bool
    /// Whether prompts are fitted to `--input-tokens` before the load: against Ollama, with
    /// one-token requests, which load the model.
    var fitsPrompts: Bool
    /// The Ollama `num_ctx` every request carries, and whether `--num-ctx` gave it.
    var sentContextLength: Int?
    var isContextGiven: Bool

    package init(configuration: RunConfiguration, model: String, sentContextLength: Int?) {
        self.model = model
        closedLoopUsers = configuration.load.closedLoopUsers
        maximumInFlight = configuration.load.maximumInFlight
        longestPromptTokens = configuration.fittedInputTokens?.upperBound
        maxOutputTokens = configuration.longestAnswerTokens
        hasWarmup = configuration.load.warmup != nil
        fitsPrompts = configuration.fittedInputTokens != nil
        self.sentContextLength = sentContextLength
        isContextGiven = configuration.requests.contextLength != nil
    }

    /// A warning when the longest prompt and its answer do not fit `context` tokens; none
    /// when they do, or when neither length is known (given prompts are not counted).
    /// - Parameters:
    ///   - name: the context, as the line names it ("llama.cpp's context per slot"), in English
    ///     and Chinese.
    ///   - effect: what the server does with a request that does not fit, in English and Chinese.
    func contextFindings(
        context: Int, name: (en: String, zh: String), effect: (en: String, zh: String)
    ) -> [PreflightFinding] {
        var parts: [(en: String, zh: String)] = []
        var total = 0
        if let prompt = longestPromptTokens {
            parts.append(("the longest prompt (\(prompt) tokens)", "最长的提示词（\(prompt) token）"))
            total += prompt
        }
        if let answer = maxOutputTokens {
            parts.append(("--max-tokens \(answer)", "--max-tokens \(answer)"))
            total += answer
        }
        guard !parts.isEmpty, total > context else { return [] }
        let sum =
            parts.count == 1
            ? "\(parts[0].en) exceeds" : "\(parts.map(\.en).joined(separator: " + ")) = \(total) tokens exceed"
        let sumZh =
            parts.count == 1 ? parts[0].zh : "\(parts.map(\.zh).joined(separator: " + ")) = \(total) token"
        let warning = PreflightFinding(
            .warning, "\(sum) \(name.en) of \(context) tokens: \(effect.en)",
            zh: "\(sumZh) 超过了\(name.zh)（\(context) token）：\(effect.zh)")
        return [warning]
    }

    /// The findings as the block printed before the load: a heading, then one indented line each.
    static func block(_ findings: [PreflightFinding], language: ReportLanguage = .en) -> [String] {
        let heading =
            language == .zh
            ? "预检（服务器自身的状态；未发送任何生成请求）："
            : "pre-flight (the server's own state; no generation request sent):"
        return [heading] + findings.map { "  " + $0.line(language) }
    }
}
