import Foundation
import LLMLoadCore
import NIOCore
import NIOFoundationCompat

/// Decodes OpenAI-compatible responses (`/v1/chat/completions`, `/v1/completions`) into
/// ``StreamEvent``s: Server-Sent Events when streaming, one JSON object when not.
///
/// A stream ends properly at `data: [DONE]`, or — for servers that omit it — at the end of a
/// body that carried a finish reason. The usage chunk (`"choices": []`) that
/// `stream_options.include_usage` asks for comes after the finish reason, so the ``StreamEvent/done(_:)``
/// event is held back until the stream ends.
public struct OpenAIStreamDecoder: ResponseDecoder {
    private var framer: SSEFramer?
    private var body: ByteBuffer?
    private var completion = StreamCompletion()
    private var sawFinishReason = false
    private var isDone = false
    private let jsonDecoder = JSONDecoder()

    /// - Parameter isStreaming: `true` for SSE, `false` for one JSON body.
    public init(isStreaming: Bool) {
        if isStreaming { framer = SSEFramer() } else { body = ByteBuffer() }
    }

    public mutating func decode(_ buffer: ByteBuffer, emit: (StreamEvent) -> Void) throws(ResponseDecodingError) {
        guard !isDone else { return }
        if var body {
            self.body = nil
            body.writeImmutableBuffer(buffer)
            self.body = body
            return
        }
        guard var framer else { return }
        self.framer = nil
        defer { self.framer = framer }
        try framer.append(buffer) { data throws(ResponseDecodingError) in try handleEvent(data, emit: emit) }
    }

    public mutating func finish(emit: (StreamEvent) -> Void) throws(ResponseDecodingError) {
        if let body {
            self.body = nil
            try handleChunk(Data(body.readableBytesView), emit: emit)
            if sawFinishReason || completion.outputTokens != nil { finishStream(emit: emit) }
            return
        }
        guard var framer else { return }
        self.framer = nil
        try framer.finish { data throws(ResponseDecodingError) in try handleEvent(data, emit: emit) }
        // Some servers end the body after the finish reason without `[DONE]`.
        if sawFinishReason { finishStream(emit: emit) }
    }

    private mutating func handleEvent(_ data: Data, emit: (StreamEvent) -> Void) throws(ResponseDecodingError) {
        guard !isDone else { return }
        if data.elementsEqual("[DONE]".utf8) { return finishStream(emit: emit) }
        try handleChunk(data, emit: emit)
    }

    private mutating func finishStream(emit: (StreamEvent) -> Void) {
        guard !isDone else { return }
        isDone = true
        emit(.done(completion))
    }

    private mutating func handleChunk(_ bytes: Data, emit: (StreamEvent) -> Void) throws(ResponseDecodingError) {
        let chunk: OpenAIChunk
        do {
            chunk = try jsonDecoder.decode(OpenAIChunk.self, from: bytes)
        } catch {
            throw .malformed(ByteBuffer(bytes: bytes))
        }
        // Servers report failures inside a 200 stream as an `error` member: check it first.
        if let message = chunk.error {
            isDone = true
            emit(.serverError(message: message))
            return
        }
        if let choice = chunk.choices?.first {
            let answer = choice.delta?.content ?? choice.message?.content ?? choice.text ?? ""
            let reasoning =
                choice.delta?.reasoningContent ?? choice.delta?.reasoning ?? choice.message?.reasoningContent
                ?? choice.message?.reasoning ?? ""
            // A role-only delta (`content` null or "") carries no token and must not start TTFT.
            if !answer.isEmpty || !reasoning.isEmpty { emit(.text(answer: answer, reasoning: reasoning)) }
            if let reason = choice.finishReason {
                completion.finishReason = reason
                sawFinishReason = true
            }
        }
        if let usage = chunk.usage {
            completion.promptTokens = usage.promptTokens ?? completion.promptTokens
            completion.outputTokens = usage.completionTokens ?? completion.outputTokens
        }
        if let timings = chunk.timings { completion.serverTimings = timings.serverTimings }
    }

}

/// One SSE event (or the whole non-streaming body) of an OpenAI-compatible response.
private struct OpenAIChunk: Decodable {
    struct Choice: Decodable {
        struct Delta: Decodable {
            var content: String?
            var reasoningContent: String?
            var reasoning: String?

            enum CodingKeys: String, CodingKey {
                case content, reasoning
                case reasoningContent = "reasoning_content"
            }
        }

        var delta: Delta?
        var message: Delta?
        var text: String?
        var finishReason: String?

        enum CodingKeys: String, CodingKey {
            case delta, message, text
            case finishReason = "finish_reason"
        }
    }

    struct Usage: Decodable {
        var promptTokens: Int?
        var completionTokens: Int?

        enum CodingKeys: String, CodingKey {
            case promptTokens = "prompt_tokens"
            case completionTokens = "completion_tokens"
        }
    }

    /// llama.cpp's own measurement of the request.
    struct Timings: Decodable {
        var promptMilliseconds: Double?
        var predictedMilliseconds: Double?
        var promptPerSecond: Double?
        var predictedPerSecond: Double?

        enum CodingKeys: String, CodingKey {
            case promptMilliseconds = "prompt_ms"
            case predictedMilliseconds = "predicted_ms"
            case promptPerSecond = "prompt_per_second"
            case predictedPerSecond = "predicted_per_second"
        }

        var serverTimings: ServerTimings {
            ServerTimings(
                promptEvalDurationNanoseconds: promptMilliseconds.map { Int64(($0 * 1e6).rounded()) },
                evalDurationNanoseconds: predictedMilliseconds.map { Int64(($0 * 1e6).rounded()) },
                promptTokensPerSecond: promptPerSecond,
                decodeTokensPerSecond: predictedPerSecond
            )
        }
    }

    var choices: [Choice]?
    var usage: Usage?
    var timings: Timings?
    var error: String?

    enum CodingKeys: String, CodingKey {
        case choices, usage, timings, error
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        choices = try container.decodeIfPresent([Choice].self, forKey: .choices)
        usage = try? container.decodeIfPresent(Usage.self, forKey: .usage)
        timings = try? container.decodeIfPresent(Timings.self, forKey: .timings)
        // `{"error": {"message": …}}` (OpenAI, vLLM, llama.cpp) or `{"error": "…"}` (some proxies).
        if let object = try? container.decodeIfPresent(ErrorObject.self, forKey: .error) {
            error = object.message ?? "error (no message)"
        } else if let text = try? container.decodeIfPresent(String.self, forKey: .error) {
            error = text
        } else if container.contains(.error), (try? container.decodeNil(forKey: .error)) == false {
            error = "error (unreadable payload)"
        }
    }

    struct ErrorObject: Decodable {
        var message: String?
    }
}
