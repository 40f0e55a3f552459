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
        let messages = endpoint == .chat ? request.chatMessages : nil
        let textBytes = messages?.reduce(0) { $0 + $1.content.utf8.count } ?? request.prompt.utf8.count
        var json = JSONObjectWriter(capacity: textBytes + 256)
        json.field("model", request.model)
        json.objects("messages", messages) { object, message in
            object.field("role", message.role)
            object.field("content", message.content)
        }
        json.field("prompt", endpoint == .completions ? request.prompt : nil)
        json.field("max_tokens", request.maxOutputTokens)
        try json.field("temperature", request.sampling.temperature)
        try json.field("top_p", request.sampling.topP)
        json.field("seed", request.sampling.seed)
        json.field("stop", request.stop.isEmpty ? nil : request.stop)
        json.field("ignore_eos", request.ignoresEndOfSequence ? true : nil)
        json.field("stream", request.isStreaming)
        // Token counts must come from the server, not from counting chunks.
        if request.isStreaming { json.object("stream_options") { $0.field("include_usage", true) } }
        // The chat template's switch that turns a reasoning model's thinking on or off.
        if endpoint == .chat, let think = request.think {
            json.object("chat_template_kwargs") { $0.field("enable_thinking", think) }
        }
        return json.finish()
    }
}
