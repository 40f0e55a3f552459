/// How much of one response llmload keeps: every cap on what a server sends, in one place.
///
/// Every input from the network is hostile: a server that streams without end, or answers
/// with a 16 MiB error, must not grow the client's memory or its output files without bound.
/// A cap stops what is *stored*, never what is *counted*: chunks, tokens and gaps past a cap
/// still count in every figure, and the outputs say where text was cut
/// (`docs/results-schema.md`, "Caps"). The framing caps (one SSE event, one NDJSON line, a
/// non-streaming body: 16 MiB each) live with the framers that enforce them.
public enum ResponseLimits {
    /// Answer text kept per request, in UTF-8 bytes; the rest is counted in
    /// ``RequestRecord/responseTextTruncatedBytes``.
    public static let answerTextBytes = 1024 * 1024
    /// Reasoning text kept per request, in UTF-8 bytes; the rest is counted in
    /// ``RequestRecord/reasoningTextTruncatedBytes``.
    public static let reasoningTextBytes = 1024 * 1024
    /// Bytes of an HTTP error response's body collected to find its message in (a JSON
    /// `error` member, or the text itself); the rest of the body is ignored.
    public static let errorBodyBytes = 16 * 1024
    /// Error text kept per request as it came from the network, before the API key is redacted:
    /// twice ``shownErrorTextBytes``, so a key that crosses the shown cut is still whole when it
    /// is redacted. A cut here ends with `…`, after which ``SecretRedactor`` also redacts the
    /// beginning of a key the cut went through.
    public static let receivedErrorTextBytes = 4 * 1024
    /// Error text written to the outputs (summary, report, console, `responses.jsonl`), after
    /// redaction; a cut ends with ``truncationMark``.
    public static let shownErrorTextBytes = 2 * 1024
    /// Inter-token gaps stored one by one per request; later ones are kept folded in a
    /// ``TokenGapOverflow`` that loses nothing the statistics use.
    public static let storedTokenGaps = 100_000
    /// Ends an error text cut at ``shownErrorTextBytes``.
    public static let truncationMark = "… [truncated]"

    /// `text` cut to at most `maximumBytes` bytes of UTF-8 on a Unicode scalar boundary, with
    /// `mark` appended when anything was cut.
    public static func cut(_ text: String, maximumBytes: Int, mark: String) -> String {
        guard text.utf8.count > maximumBytes else { return text }
        return String(prefix(of: text, maximumBytes: maximumBytes)) + mark
    }

    /// An error text as the outputs show it: cut to ``shownErrorTextBytes``, marked. Apply it
    /// to text already redacted, so a key is never cut in half before it is recognised.
    public static func shownErrorText(_ text: String) -> String {
        cut(text, maximumBytes: shownErrorTextBytes, mark: truncationMark)
    }

    /// An error text as the backend keeps it from the network: cut to
    /// ``receivedErrorTextBytes``, ending with `…` when cut.
    public static func receivedErrorText(_ text: String) -> String {
        cut(text, maximumBytes: receivedErrorTextBytes, mark: "…")
    }

    /// The longest prefix of `text` with at most `maximumBytes` bytes of UTF-8 that does not
    /// split a Unicode scalar.
    public static func prefix(of text: some StringProtocol, maximumBytes: Int) -> Substring {
        let scalars = Substring(text).unicodeScalars
        let utf8 = Substring(text).utf8
        guard utf8.count > maximumBytes else { return Substring(scalars) }
        var end = utf8.index(utf8.startIndex, offsetBy: max(0, maximumBytes))
        // Back up over continuation bytes (10xxxxxx) to the start of the scalar cut through.
        while end > utf8.startIndex, utf8[end] & 0b1100_0000 == 0b1000_0000 { end = utf8.index(before: end) }
        return Substring(scalars[..<end])
    }
}
