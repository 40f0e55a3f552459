import Foundation

/// Removes secrets (the API key) from text that will be written or shown: a server may echo
/// the key back in an error message, and a library may echo it escaped.
///
/// Every form a secret can take in text is redacted: as is, escaped as Swift prints a string
/// (`\r`, `\"`), escaped as JSON, and percent-encoded. A text that ends with the beginning of
/// a secret (an excerpt cut inside the key) has that beginning redacted too, from 4 characters
/// on (or the whole secret, if shorter).
public struct SecretRedactor: Sendable {
    /// Every form of every secret, longest first, so a longer form is never half-replaced.
    private let forms: [String]

    /// The replacement text.
    public static let mark = "[redacted]"

    /// Every non-empty secret is redacted, however short.
    public init(secrets: [String?]) {
        var forms: Set<String> = []
        for secret in secrets.compactMap({ $0 }) where !secret.isEmpty {
            forms.insert(secret)
            forms.insert(String(String(reflecting: secret).dropFirst().dropLast()))
            if let json = try? JSONEncoder().encode(secret), let text = String(data: json, encoding: .utf8) {
                let inner = String(text.dropFirst().dropLast())
                forms.insert(inner)
                forms.insert(inner.replacingOccurrences(of: "\\/", with: "/"))
            }
            for allowed in [CharacterSet.alphanumerics, .urlQueryAllowed] {
                if let encoded = secret.addingPercentEncoding(withAllowedCharacters: allowed) { forms.insert(encoded) }
            }
        }
        self.forms = forms.sorted { ($0.count, $0) > ($1.count, $1) }
    }

    public func redact(_ text: String) -> String {
        guard !forms.isEmpty else { return text }
        var result = forms.reduce(text) { $0.replacingOccurrences(of: $1, with: Self.mark) }
        redactCutSecret(in: &result)
        return result
    }

    /// Redacts the beginning of a secret left at the end of `text` (before a closing `…` and
    /// white space) by a cut inside the key.
    private func redactCutSecret(in text: inout String) {
        var end = text.endIndex
        while end > text.startIndex, text[text.index(before: end)] == "…" || text[text.index(before: end)].isWhitespace
        {
            end = text.index(before: end)
        }
        let body = text[..<end]
        for form in forms {
            let shortest = min(4, form.count)
            guard form.count > 1 else { continue }
            for length in stride(from: form.count - 1, through: shortest, by: -1) {
                let beginning = form.prefix(length)
                if body.hasSuffix(beginning) {
                    let start = text.index(end, offsetBy: -length)
                    text.replaceSubrange(start..<end, with: Self.mark)
                    return
                }
            }
        }
    }
}

extension RequestRecord {
    /// The record as every output shows it: keys redacted from each text, then the error text
    /// cut to ``ResponseLimits/shownErrorTextBytes`` and marked (redacted whole first, so a key
    /// is never cut in half before it is recognised). The runner applies it once, as each
    /// request ends; the summary, the report, `requests.csv` and `responses.jsonl` take the
    /// texts as they are.
    public mutating func redactForOutputs(_ redactor: SecretRedactor) {
        errorMessage = errorMessage.map { ResponseLimits.shownErrorText(redactor.redact($0)) }
        responseText = redactor.redact(responseText)
        reasoningText = redactor.redact(reasoningText)
    }
}
