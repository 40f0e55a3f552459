/// Splits reasoning a server writes inline in the answer text — `<think>…</think>` before the
/// answer, as deepseek-r1 and qwen3 do on llama.cpp with `--reasoning-format none`, on vLLM
/// without a reasoning parser, and in some Ollama versions — from the answer, while streaming.
///
/// Only an answer that *opens* with `<think>` (after white space) is split; a tag anywhere
/// else is answer text. A tag cut across chunks is held back until it is whole, so it is
/// never counted as answer text and the first answer token is the first chunk with text after
/// `</think>`. Once the answer is known not to open with a tag, every later chunk passes
/// through untouched: a model that does not reason pays one prefix check.
struct InlineThinkSplitter: Sendable {
    private enum State: Sendable {
        /// Nothing but white space seen: the answer may still open with `<think>`.
        case opening
        case thinking
        case answering
    }

    static let open = "<think>"
    static let close = "</think>"

    private var state = State.opening
    /// Text held back because it may be the start of a tag.
    private var pending = ""

    /// The answer and reasoning text in `text`, a piece of the answer as the server sent it.
    mutating func split(_ text: String) -> (answer: String, reasoning: String) {
        switch state {
        case .answering:
            return (text, "")
        case .opening:
            let seen = pending + text
            let start = seen.drop { $0.isWhitespace }
            if start.hasPrefix(Self.open) {
                state = .thinking
                pending = ""
                return split(String(start.dropFirst(Self.open.count)))
            }
            if Self.open.hasPrefix(start) {
                pending = seen
                return ("", "")
            }
            state = .answering
            pending = ""
            return (seen, "")
        case .thinking:
            let seen = pending + text
            if let end = seen.range(of: Self.close) {
                state = .answering
                pending = ""
                return (String(seen[end.upperBound...]), String(seen[..<end.lowerBound]))
            }
            // Hold back the longest end of `seen` that could begin `</think>`.
            let held = (1..<Self.close.count).reversed().first { seen.hasSuffix(Self.close.prefix($0)) } ?? 0
            pending = String(seen.suffix(held))
            return ("", String(seen.dropLast(held)))
        }
    }

    /// What is still held back when the answer ends: reasoning if thinking had begun, else answer.
    mutating func finish() -> (answer: String, reasoning: String) {
        defer { pending = "" }
        return state == .thinking ? ("", pending) : (pending, "")
    }
}
