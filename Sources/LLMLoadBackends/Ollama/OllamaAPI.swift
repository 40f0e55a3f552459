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
        let messages = endpoint == .chat ? request.chatMessages : nil
        let textBytes = messages?.reduce(0) { $0 + $1.content.utf8.count } ?? request.prompt.utf8.count
        var json = JSONObjectWriter(capacity: textBytes + 256)
        json.field("model", request.model)
        json.field("prompt", endpoint == .generate ? request.prompt : nil)
        json.objects("messages", messages) { object, message in
            object.field("role", message.role)
            object.field("content", message.content)
        }
        // Ollama streams by default; say it explicitly so a changed default cannot skew TTFT.
        json.field("stream", request.isStreaming)
        let sampling = request.sampling
        let stop = request.stop.isEmpty ? nil : request.stop
        let hasOptions =
            request.maxOutputTokens != nil || sampling.temperature != nil || sampling.topP != nil
            || sampling.seed != nil || stop != nil || request.contextLength != nil
        if hasOptions {
            try json.object("options") { (options: inout JSONObjectWriter) throws(JSONBodyError) in
                options.field("num_predict", request.maxOutputTokens)
                try options.field("temperature", sampling.temperature)
                try options.field("top_p", sampling.topP)
                options.field("seed", sampling.seed)
                options.field("stop", stop)
                options.field("num_ctx", request.contextLength)
            }
        }
        json.field("keep_alive", request.keepAlive)
        json.field("think", request.think)
        return json.finish()
    }
}
