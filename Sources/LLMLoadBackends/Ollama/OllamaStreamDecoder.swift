import Foundation
import LLMLoadCore
import NIOCore
import NIOFoundationCompat

/// Decodes Ollama's NDJSON responses (`/api/generate` and `/api/chat`, streaming or not) into
/// ``StreamEvent``s. A non-streaming body is one JSON object, which is one line of NDJSON.
public struct OllamaStreamDecoder: ResponseDecoder {
    private var framer = LineFramer()
    private let jsonDecoder = JSONDecoder()

    public init() {}

    public mutating func decode(_ buffer: ByteBuffer, emit: (StreamEvent) -> Void) throws(ResponseDecodingError) {
        let decoder = jsonDecoder
        try framer.append(buffer) { line throws(ResponseDecodingError) in
            try Self.decodeLine(line, with: decoder, emit: emit)
        }
    }

    public mutating func finish(emit: (StreamEvent) -> Void) throws(ResponseDecodingError) {
        let decoder = jsonDecoder
        try framer.finish { line throws(ResponseDecodingError) in
            try Self.decodeLine(line, with: decoder, emit: emit)
        }
    }

    private static func decodeLine(
        _ line: ByteBuffer,
        with decoder: JSONDecoder,
        emit: (StreamEvent) -> Void
    ) throws(ResponseDecodingError) {
        let chunk: OllamaChunk
        do {
            chunk = try decoder.decode(OllamaChunk.self, from: line)
        } catch {
            throw .malformed(line)
        }
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
private struct OllamaChunk: Decodable {
    struct Message: Decodable {
        var content: String?
        var thinking: String?
    }

    var response: String?
    var thinking: String?
    var message: Message?
    var done: Bool?
    var doneReason: String?
    var error: String?
    var promptEvalCount: Int?
    var evalCount: Int?
    var totalDuration: Int64?
    var loadDuration: Int64?
    var promptEvalDuration: Int64?
    var evalDuration: Int64?

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

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        response = try container.decodeIfPresent(String.self, forKey: .response)
        thinking = try container.decodeIfPresent(String.self, forKey: .thinking)
        message = try container.decodeIfPresent(Message.self, forKey: .message)
        done = try container.decodeIfPresent(Bool.self, forKey: .done)
        doneReason = try container.decodeIfPresent(String.self, forKey: .doneReason)
        promptEvalCount = try container.decodeIfPresent(Int.self, forKey: .promptEvalCount)
        evalCount = try container.decodeIfPresent(Int.self, forKey: .evalCount)
        totalDuration = try container.decodeIfPresent(Int64.self, forKey: .totalDuration)
        loadDuration = try container.decodeIfPresent(Int64.self, forKey: .loadDuration)
        promptEvalDuration = try container.decodeIfPresent(Int64.self, forKey: .promptEvalDuration)
        evalDuration = try container.decodeIfPresent(Int64.self, forKey: .evalDuration)
        // `error` is a string in Ollama; proxies in front of it sometimes send `{"message": …}`.
        if let text = try? container.decodeIfPresent(String.self, forKey: .error) {
            error = text
        } else if let object = try? container.decodeIfPresent([String: String].self, forKey: .error) {
            error = object["message"] ?? object.description
        } else if container.contains(.error) {
            error = "error (unreadable payload)"
        }
    }

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
