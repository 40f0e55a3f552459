import Foundation
import NIOCore
import NIOFoundationCompat

/// Extracts the human message from an HTTP error body: Ollama's `{"error": "…"}`, OpenAI's
/// `{"error": {"message": "…"}}`, or the raw text when it is neither.
enum ErrorBodyMessage {
    static func extract(from body: ByteBuffer) -> String {
        if let json = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any] {
            if let text = json["error"] as? String { return text }
            if let object = json["error"] as? [String: Any], let text = object["message"] as? String { return text }
            if let text = json["message"] as? String { return text }
        }
        let text = String(decoding: body.readableBytesView.prefix(500), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "(empty body)" : text
    }
}
