import LLMLoadCore
import NIOCore

/// One wire API: how to phrase a request and how to read the answer.
///
/// The HTTP transport is shared; an API only builds bodies and decoders, so timing is taken in
/// one place for every API. Adding one: see `docs/AddingABackend.md`.
public protocol InferenceAPI: Sendable {
    associatedtype Decoder: ResponseDecoder

    var kind: APIKind { get }
    /// The JSON request body.
    func makeBody(for request: InferenceRequest) throws -> ByteBuffer
    /// A fresh decoder for the response to `request`.
    func makeDecoder(for request: InferenceRequest) -> Decoder
}

extension InferenceAPI {
    /// The path appended to the target's base URL, for example `/api/generate`.
    public var path: String { kind.path }
}

extension APIKind {
    /// The implementation of this API.
    public func makeAPI() -> any InferenceAPI {
        switch self {
        case .ollamaGenerate: OllamaAPI(endpoint: .generate)
        case .ollamaChat: OllamaAPI(endpoint: .chat)
        case .openAIChat: OpenAIAPI(endpoint: .chat)
        case .openAICompletions: OpenAIAPI(endpoint: .completions)
        }
    }
}
