import Foundation
import LLMLoadCore
import NIOCore
import NIOFoundationCompat

/// Decodes Ollama's NDJSON responses (`/api/generate` and `/api/chat`, streaming or not) into
/// ``StreamEvent``s. A non-streaming body is one JSON object, which is one line of NDJSON.
///
/// Each line is read by a byte-level reader (``OllamaChunk/init(reading:)``) when it has a
/// shape that reader knows; anything else goes to `JSONDecoder`, which has the last word.
public struct OllamaStreamDecoder: ResponseDecoder {
    private var framer = LineFramer()
    private let usesFastReader: Bool
    /// What the stream's lines repeat, for the fast reader.
    private var repeats = RepeatedMembers()

    public init() {
        self.init(usesFastReader: true)
    }

    /// - Parameter usesFastReader: `false` decodes every line with `JSONDecoder` (the reference
    ///   the fast reader is tested against).
    package init(usesFastReader: Bool) {
        self.usesFastReader = usesFastReader
    }

    public mutating func decode(_ buffer: ByteBuffer, emit: (StreamEvent) -> Void) throws(ResponseDecodingError) {
        let usesFastReader = usesFastReader
        // Moved out for the closure, which cannot capture `self` inout, and back in after.
        var repeats = RepeatedMembers(isEnabled: false)
        swap(&repeats, &self.repeats)
        defer { swap(&repeats, &self.repeats) }
        try framer.append(buffer) { line throws(ResponseDecodingError) in
            try Self.decodeLine(line, usingFastReader: usesFastReader, repeats: &repeats, emit: emit)
        }
    }

    public mutating func finish(emit: (StreamEvent) -> Void) throws(ResponseDecodingError) {
        let usesFastReader = usesFastReader
        var repeats = RepeatedMembers(isEnabled: false)
        swap(&repeats, &self.repeats)
        defer { swap(&repeats, &self.repeats) }
        try framer.finish { line throws(ResponseDecodingError) in
            try Self.decodeLine(line, usingFastReader: usesFastReader, repeats: &repeats, emit: emit)
        }
    }

    private static func decodeLine(
        _ line: UnsafeRawBufferPointer,
        usingFastReader: Bool,
        repeats: inout RepeatedMembers,
        emit: (StreamEvent) -> Void
    ) throws(ResponseDecodingError) {
        let chunk = try OllamaChunk.decode(line, usingFastReader: usingFastReader, repeats: &repeats)
        // Ollama reports failures inside a 200 stream as a line with only `error`: check it first.
        if let message = chunk.error {
            emit(.serverError(message: message))
            return
        }
        let answer = chunk.response ?? chunk.message?.content ?? ""
        let reasoning = chunk.thinking ?? chunk.message?.thinking ?? ""
        if !answer.isEmpty || !reasoning.isEmpty {
            emit(.text(answer: answer, reasoning: reasoning))
        }
        if chunk.done == true {
            emit(.done(chunk.completion))
        }
    }
}

/// One NDJSON line of an Ollama response; every field optional, as the server omits freely.
package struct OllamaChunk: Equatable {
    package struct Message: Equatable {
        package var content: String?
        package var thinking: String?
    }

    package var response: String?
    package var thinking: String?
    package var message: Message?
    package var done: Bool?
    package var doneReason: String?
    /// The server's error message, when the line reports a failure.
    package var error: String?
    package var promptEvalCount: Int?
    package var evalCount: Int?
    package var totalDuration: Int64?
    package var loadDuration: Int64?
    package var promptEvalDuration: Int64?
    package var evalDuration: Int64?

    var completion: StreamCompletion {
        let timings = ServerTimings(
            totalDurationNanoseconds: totalDuration,
            loadDurationNanoseconds: loadDuration,
            promptEvalDurationNanoseconds: promptEvalDuration,
            evalDurationNanoseconds: evalDuration
        )
        let hasTimings = [totalDuration, loadDuration, promptEvalDuration, evalDuration].contains { $0 != nil }
        return StreamCompletion(
            finishReason: doneReason,
            promptTokens: promptEvalCount,
            outputTokens: evalCount,
            serverTimings: hasTimings ? timings : nil
        )
    }
}

extension OllamaChunk: Decodable {
    enum CodingKeys: String, CodingKey {
        case response, thinking, message, done, error
        case doneReason = "done_reason"
        case promptEvalCount = "prompt_eval_count"
        case evalCount = "eval_count"
        case totalDuration = "total_duration"
        case loadDuration = "load_duration"
        case promptEvalDuration = "prompt_eval_duration"
        case evalDuration = "eval_duration"
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        response = try container.decodeIfPresent(String.self, forKey: .response)
        thinking = try container.decodeIfPresent(String.self, forKey: .thinking)
        message = try container.decodeIfPresent(Message.self, forKey: .message)
        done = try container.decodeIfPresent(Bool.self, forKey: .done)
        doneReason = try container.decodeIfPresent(String.self, forKey: .doneReason)
        // Counts and durations are extras: one that is not an integer in range (a server bug,
        // `1e30`, a float) is dropped rather than failing a stream whose text arrived intact.
        promptEvalCount = try? container.decodeIfPresent(Int.self, forKey: .promptEvalCount)
        evalCount = try? container.decodeIfPresent(Int.self, forKey: .evalCount)
        totalDuration = try? container.decodeIfPresent(Int64.self, forKey: .totalDuration)
        loadDuration = try? container.decodeIfPresent(Int64.self, forKey: .loadDuration)
        promptEvalDuration = try? container.decodeIfPresent(Int64.self, forKey: .promptEvalDuration)
        evalDuration = try? container.decodeIfPresent(Int64.self, forKey: .evalDuration)
        // `error` is a string in Ollama; proxies in front of it sometimes send `{"message": …}`.
        if let text = try? container.decodeIfPresent(String.self, forKey: .error) {
            error = text
        } else if let object = try? container.decodeIfPresent([String: String].self, forKey: .error) {
            error = object["message"] ?? object.description
        } else if container.contains(.error) {
            error = "error (unreadable payload)"
        }
    }
}

extension OllamaChunk.Message: Decodable {}
