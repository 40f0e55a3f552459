import Foundation

/// Removes secrets (the API key) from text that will be written or shown: a server may echo
/// the key back in an error message.
public struct SecretRedactor: Sendable {
    private let secrets: [String]

    /// Secrets shorter than 4 characters are ignored: redacting them would mangle normal text.
    public init(secrets: [String?]) {
        self.secrets = secrets.compactMap { $0 }.filter { $0.count >= 4 }
    }

    public func redact(_ text: String) -> String {
        secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: "[redacted]") }
    }
}
