import Foundation
import LLMLoadCore
import NIOCore
import NIOFoundationCompat

/// The OpenAI-compatible API of vLLM, llama.cpp's `llama-server`, SGLang, TGI, Ollama's `/v1`
/// and hosted services: `POST /v1/chat/completions` (`messages`) or `/v1/completions` (`prompt`).
public struct OpenAIAPI: InferenceAPI {
    /// Which of the two generation endpoints.
    public enum Endpoint: Sendable {
        case chat, completions
    }

    public var endpoint: Endpoint

    public init(endpoint: Endpoint) {
        self.endpoint = endpoint
    }

    public var kind: APIKind { endpoint == .chat ? .openAIChat : .openAICompletions }

    public func makeDecoder(for request: InferenceRequest) -> OpenAIStreamDecoder {
        OpenAIStreamDecoder(isStreaming: request.isStreaming)
    }

    public func makeBody(for request: InferenceRequest) throws -> ByteBuffer {
        let body = Body(
            model: request.model,
            messages: endpoint == .chat ? request.chatMessages.map { .init(role: $0.role, content: $0.content) } : nil,
            prompt: endpoint == .completions ? request.prompt : nil,
            maxTokens: request.maxOutputTokens,
            temperature: request.sampling.temperature,
            topP: request.sampling.topP,
            seed: request.sampling.seed,
            stop: request.stop.isEmpty ? nil : request.stop,
            ignoreEOS: request.ignoresEndOfSequence ? true : nil,
            stream: request.isStreaming,
            // Token counts must come from the server, not from counting chunks.
            streamOptions: request.isStreaming ? .init(includeUsage: true) : nil,
            chatTemplateKwargs: endpoint == .chat ? request.think.map { .init(enableThinking: $0) } : nil
        )
        return try JSONEncoder().encodeAsByteBuffer(body, allocator: ByteBufferAllocator())
    }

    private struct Body: Encodable {
        struct Message: Encodable {
            var role: String
            var content: String
        }

        struct StreamOptions: Encodable {
            var includeUsage: Bool

            enum CodingKeys: String, CodingKey {
                case includeUsage = "include_usage"
            }
        }

        var model: String
        var messages: [Message]?
        var prompt: String?
        var maxTokens: Int?
        var temperature: Double?
        var topP: Double?
        var seed: Int?
        var stop: [String]?
        var ignoreEOS: Bool?
        var stream: Bool
        var streamOptions: StreamOptions?
        var chatTemplateKwargs: TemplateArguments?

        /// The chat template's switches: `enable_thinking` turns a reasoning model's thinking on or off.
        struct TemplateArguments: Encodable {
            var enableThinking: Bool

            enum CodingKeys: String, CodingKey {
                case enableThinking = "enable_thinking"
            }
        }

        enum CodingKeys: String, CodingKey {
            case model, messages, prompt, temperature, seed, stop, stream
            case maxTokens = "max_tokens"
            case topP = "top_p"
            case ignoreEOS = "ignore_eos"
            case streamOptions = "stream_options"
            case chatTemplateKwargs = "chat_template_kwargs"
        }
    }
}
