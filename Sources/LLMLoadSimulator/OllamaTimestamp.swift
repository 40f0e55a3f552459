import Foundation
import Synchronization

/// Ollama's `created_at` text, ISO 8601 to the second: formatted once a second, not once a
/// request (Foundation's formatter costs more than the rest of a request's setup).
enum OllamaTimestamp {
    private static let cache = Mutex<(second: Int, text: String)>((-1, ""))

    static func now() -> String {
        let date = Date()
        let second = Int(date.timeIntervalSince1970.rounded(.down))
        return cache.withLock { cache in
            if cache.second != second { cache = (second, date.formatted(.iso8601)) }
            return cache.text
        }
    }
}
