import Foundation
import LLMLoadCore
import NIOCore
import NIOFoundationCompat

/// Extracts the human message from an HTTP error body: Ollama's `{"error": "…"}`, OpenAI's
/// `{"error": {"message": "…"}}`, or the raw text when it is neither.
///
/// The message is cut to ``ResponseLimits/receivedErrorTextBytes`` on a scalar boundary, long
/// enough that a key echoed near its start is whole when the runner redacts it; the outputs
/// cut it shorter only after that (``ResponseLimits/shownErrorText(_:)``).
enum ErrorBodyMessage {
    static func extract(from body: ByteBuffer) -> String {
        ResponseLimits.receivedErrorText(message(in: body))
    }

    private static func message(in body: ByteBuffer) -> String {
        if let json = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any] {
            if let text = json["error"] as? String { return text }
            if let object = json["error"] as? [String: Any], let text = object["message"] as? String { return text }
            if let text = json["message"] as? String { return text }
        }
        // One byte past the cap: a longer body still gets the cut's mark, and a scalar split at
        // the end of these bytes lies past the cut.
        let bytes = body.readableBytesView.prefix(ResponseLimits.receivedErrorTextBytes + 1)
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "(empty body)" : text
    }
}
