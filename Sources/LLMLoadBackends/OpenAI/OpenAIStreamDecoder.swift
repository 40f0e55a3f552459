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
///
/// Each chunk is read by a byte-level reader (``OpenAIChunk/init(reading:)``) when it has a
/// shape that reader knows, through the stream's last chunk (``ChunkTemplate``) when only its
/// text changed; anything else goes to `JSONDecoder`, which has the last word.
public struct OpenAIStreamDecoder: ResponseDecoder {
    /// A longer non-streaming body is treated as malformed rather than buffered without bound.
    public static let maximumBodyLength = 16 * 1024 * 1024

    private var framer: SSEFramer?
    private var body: ByteBuffer?
    private var completion = StreamCompletion()
    private var sawFinishReason = false
    private var isDone = false
    private let usesFastReader: Bool
    /// What the stream's chunks repeat, for the fast reader: members, and whole chunks but
    /// their text.
    private var repeats = RepeatedMembers()
    private var template = ChunkTemplate<OpenAIChunk>()
    /// What a chunk read through the template emits, but for its text: `nil` for a template
    /// whose chunk says more than its text (a finish reason, usage, timings, an error), which is
    /// handled whole.
    private var templateTexts: OpenAIChunk.TextsAround?

    /// - Parameter isStreaming: `true` for SSE, `false` for one JSON body.
    public init(isStreaming: Bool) {
        self.init(isStreaming: isStreaming, usesFastReader: true)
    }

    /// Chunks read through the template so far (the tests check that it is used).
    package var templateHits: Int { template.hits }

    /// - Parameter usesFastReader: `false` decodes every chunk with `JSONDecoder` (the reference
    ///   the fast reader is tested against).
    package init(isStreaming: Bool, usesFastReader: Bool) {
        if isStreaming { framer = SSEFramer() } else { body = ByteBuffer() }
        self.usesFastReader = usesFastReader
    }

    public mutating func decode(_ buffer: ByteBuffer, emit: (StreamEvent) -> Void) throws(ResponseDecodingError) {
        guard !isDone else { return }
        // Moved out (`take`), not copied: a copy retained every buffer it holds, per chunk.
        if var body = body.take() {
            guard body.readableBytes + buffer.readableBytes <= Self.maximumBodyLength else {
                throw .bodyTooLarge(bytes: body.readableBytes + buffer.readableBytes)
            }
            body.writeImmutableBuffer(buffer)
            self.body = body
            return
        }
        guard var framer = framer.take() else { return }
        defer { self.framer = framer }
        try framer.append(buffer) { data throws(ResponseDecodingError) in try handleEvent(data, emit: emit) }
    }

    public mutating func finish(emit: (StreamEvent) -> Void) throws(ResponseDecodingError) {
        if let body = body.take() {
            let result = body.withUnsafeReadableBytes { bytes in
                Result { () throws(ResponseDecodingError) in try handleChunk(bytes, emit: emit) }
            }
            try result.get()
            if sawFinishReason || completion.outputTokens != nil { finishStream(emit: emit) }
            return
        }
        guard var framer = framer.take() else { return }
        try framer.finish { data throws(ResponseDecodingError) in try handleEvent(data, emit: emit) }
        // Some servers end the body after the finish reason without `[DONE]`.
        if sawFinishReason { finishStream(emit: emit) }
    }

    private mutating func handleEvent(_ data: UnsafeRawBufferPointer, emit: (StreamEvent) -> Void)
        throws(ResponseDecodingError)
    {
        guard !isDone else { return }
        if data.equals("[DONE]") { return finishStream(emit: emit) }
        try handleChunk(data, emit: emit)
    }

    private mutating func finishStream(emit: (StreamEvent) -> Void) {
        guard !isDone else { return }
        isDone = true
        emit(.done(completion))
    }

    private mutating func handleChunk(_ bytes: UnsafeRawBufferPointer, emit: (StreamEvent) -> Void)
        throws(ResponseDecodingError)
    {
        let learnt = template.learnt
        let chunk: OpenAIChunk
        if let texts = templateTexts {
            // A token's usual chunk: its text alone is new, and no chunk is built for it.
            if let text = template.match(bytes) {
                let (answer, reasoning) = (texts.answer ?? text, texts.reasoning ?? text)
                if !answer.isEmpty || !reasoning.isEmpty { emit(.text(answer: answer, reasoning: reasoning)) }
                return
            }
            // Not matched again: the template was just tried.
            chunk = try OpenAIChunk.decodeInFull(
                bytes, usingFastReader: usesFastReader, repeats: &repeats, template: &template)
        } else {
            chunk = try OpenAIChunk.decode(
                bytes, usingFastReader: usesFastReader, repeats: &repeats, template: &template)
        }
        if template.learnt != learnt, let kept = template.kept {
            templateTexts = OpenAIChunk.TextsAround(kept.chunk, hole: kept.field)
        }
        // Servers report failures inside a 200 stream as an `error` member: check it first.
        if let message = chunk.error {
            isDone = true
            emit(.serverError(message: message))
            return
        }
        if let choice = chunk.firstChoice {
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
            completion.cachedPromptTokens = usage.cachedTokens ?? completion.cachedPromptTokens
            completion.reasoningTokens = usage.reasoningTokens ?? completion.reasoningTokens
        }
        if let timings = chunk.timings {
            completion.serverTimings = timings.serverTimings
            // llama.cpp's `cache_n`; OpenAI's `cached_tokens` wins where both are sent.
            if chunk.usage?.cachedTokens == nil, let cached = timings.cachedPromptTokens {
                completion.cachedPromptTokens = cached
            }
        }
    }
}

/// What llmload reads from one SSE event (or the whole non-streaming body) of an
/// OpenAI-compatible response.
package struct OpenAIChunk: Equatable, Sendable {
    /// The fields of a choice's `delta` (streaming) or `message` (non-streaming).
    package struct Delta: Equatable, Sendable {
        package var content: String?
        package var reasoningContent: String?
        package var reasoning: String?
    }

    package struct Choice: Equatable, Sendable {
        package var delta: Delta?
        package var message: Delta?
        package var text: String?
        package var finishReason: String?
    }

    package struct Usage: Equatable, Sendable {
        package var promptTokens: Int?
        package var completionTokens: Int?
        /// `prompt_tokens_details.cached_tokens`: prompt tokens served from the prefix cache.
        package var cachedTokens: Int?
        /// `completion_tokens_details.reasoning_tokens`: how many completion tokens were thinking.
        package var reasoningTokens: Int?
    }

    /// llama.cpp's own measurement of the request.
    package struct Timings: Equatable, Sendable {
        package var promptMilliseconds: Double?
        package var predictedMilliseconds: Double?
        package var promptPerSecond: Double?
        package var predictedPerSecond: Double?
        /// `cache_n`: prompt tokens served from the cache.
        package var cachedPromptTokens: Int?

        var serverTimings: ServerTimings {
            ServerTimings(
                promptEvalDurationNanoseconds: Self.nanoseconds(promptMilliseconds),
                evalDurationNanoseconds: Self.nanoseconds(predictedMilliseconds),
                promptTokensPerSecond: promptPerSecond,
                decodeTokensPerSecond: predictedPerSecond
            )
        }

        /// `milliseconds` in whole nanoseconds; `nil` for a value no duration can have
        /// (negative, or past `Int64` nanoseconds, 292 years), which a server must not make
        /// the client trap on.
        static func nanoseconds(_ milliseconds: Double?) -> Int64? {
            guard let milliseconds, milliseconds >= 0 else { return nil }
            let nanoseconds = (milliseconds * 1e6).rounded()
            guard nanoseconds < 0x1p63 else { return nil }  // also false for infinity
            return Int64(nanoseconds)
        }
    }

    /// Only the first choice counts; a body must still have every choice well-formed.
    package var firstChoice: Choice?
    package var usage: Usage?
    package var timings: Timings?
    /// The server's error message, when the chunk reports a failure.
    package var error: String?
}

extension OpenAIChunk: Decodable {
    enum CodingKeys: String, CodingKey {
        case choices, usage, timings, error
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        firstChoice = try container.decodeIfPresent([Choice].self, forKey: .choices)?.first
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

    private struct ErrorObject: Decodable {
        var message: String?
    }
}

extension OpenAIChunk.Delta: Decodable {
    enum CodingKeys: String, CodingKey {
        case content, reasoning
        case reasoningContent = "reasoning_content"
    }
}

extension OpenAIChunk.Choice: Decodable {
    enum CodingKeys: String, CodingKey {
        case delta, message, text
        case finishReason = "finish_reason"
    }
}

extension OpenAIChunk.Usage: Decodable {
    enum CodingKeys: String, CodingKey {
        case promptTokens = "prompt_tokens"
        case completionTokens = "completion_tokens"
        case promptTokensDetails = "prompt_tokens_details"
        case completionTokensDetails = "completion_tokens_details"
    }

    private struct CachedDetails: Decodable {
        var cachedTokens: Int?

        enum CodingKeys: String, CodingKey {
            case cachedTokens = "cached_tokens"
        }
    }

    private struct ReasoningDetails: Decodable {
        var reasoningTokens: Int?

        enum CodingKeys: String, CodingKey {
            case reasoningTokens = "reasoning_tokens"
        }
    }

    /// The counts a usage must have right. Its `completion_tokens_details` are read with
    /// `try?`, so an odd one loses only the reasoning count, never the usage.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        promptTokens = try container.decodeIfPresent(Int.self, forKey: .promptTokens)
        completionTokens = try container.decodeIfPresent(Int.self, forKey: .completionTokens)
        cachedTokens = try container.decodeIfPresent(CachedDetails.self, forKey: .promptTokensDetails)?.cachedTokens
        reasoningTokens =
            (try? container.decodeIfPresent(ReasoningDetails.self, forKey: .completionTokensDetails))?.reasoningTokens
    }
}

extension OpenAIChunk.Timings: Decodable {
    enum CodingKeys: String, CodingKey {
        case promptMilliseconds = "prompt_ms"
        case predictedMilliseconds = "predicted_ms"
        case promptPerSecond = "prompt_per_second"
        case predictedPerSecond = "predicted_per_second"
        case cachedPromptTokens = "cache_n"
    }
}
