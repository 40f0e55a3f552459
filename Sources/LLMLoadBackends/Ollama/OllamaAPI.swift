import Foundation
import LLMLoadCore
import NIOCore
import NIOFoundationCompat

/// Ollama's native API: `POST /api/generate` (a `prompt`) or `POST /api/chat` (`messages`).
public struct OllamaAPI: InferenceAPI {
    /// Which of Ollama's two generation endpoints.
    public enum Endpoint: Sendable {
        case generate, chat
    }

    public var endpoint: Endpoint

    public init(endpoint: Endpoint) {
        self.endpoint = endpoint
    }

    public var kind: APIKind { endpoint == .generate ? .ollamaGenerate : .ollamaChat }

    public func makeDecoder(for request: InferenceRequest) -> OllamaStreamDecoder { OllamaStreamDecoder() }

    public func makeBody(for request: InferenceRequest) throws -> ByteBuffer {
        let options = Options(
            numPredict: request.maxOutputTokens,
            temperature: request.sampling.temperature,
            topP: request.sampling.topP,
            seed: request.sampling.seed,
            stop: request.stop.isEmpty ? nil : request.stop,
            numCtx: request.contextLength
        )
        let body = Body(
            model: request.model,
            prompt: endpoint == .generate ? request.prompt : nil,
            messages: endpoint == .chat ? request.chatMessages.map { .init(role: $0.role, content: $0.content) } : nil,
            // Ollama streams by default; say it explicitly so a changed default cannot skew TTFT.
            stream: request.isStreaming,
            options: options.isEmpty ? nil : options,
            keepAlive: request.keepAlive,
            think: request.think
        )
        return try JSONEncoder().encodeAsByteBuffer(body, allocator: ByteBufferAllocator())
    }

    private struct Body: Encodable {
        struct Message: Encodable {
            var role: String
            var content: String
        }

        var model: String
        var prompt: String?
        var messages: [Message]?
        var stream: Bool
        var options: Options?
        var keepAlive: String?
        var think: Bool?

        enum CodingKeys: String, CodingKey {
            case model, prompt, messages, stream, options, think
            case keepAlive = "keep_alive"
        }
    }

    private struct Options: Encodable {
        var numPredict: Int?
        var temperature: Double?
        var topP: Double?
        var seed: Int?
        var stop: [String]?
        var numCtx: Int?

        var isEmpty: Bool {
            numPredict == nil && temperature == nil && topP == nil && seed == nil && stop == nil && numCtx == nil
        }

        enum CodingKeys: String, CodingKey {
            case temperature, seed, stop
            case numPredict = "num_predict"
            case numCtx = "num_ctx"
            case topP = "top_p"
        }
    }
}
