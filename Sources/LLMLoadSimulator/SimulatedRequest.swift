import Foundation
import NIOCore

/// A generation request as the simulator reads it, whatever the API.
struct SimulatedRequest {
    var model: String
    var prompt: String
    /// The number of turns of a chat request; `nil` for a plain prompt.
    var messageCount: Int?
    /// A chat request's messages, as received; `nil` for a plain prompt.
    var messages: [SimulatedMessage]?
    /// Ollama `options.num_ctx`.
    var contextLength: Int?
    /// `num_predict` / `max_tokens` when the request set it.
    var requestedTokens: Int?
    var isStreaming: Bool
    /// OpenAI `stream_options.include_usage`.
    var includesUsage: Bool
    var requestID: String?
    var path: String

    /// The prompt tokens the server reports: Ollama cuts a prompt longer than its context
    /// window (`num_ctx`, else its default) to that window, silently, as Ollama does.
    func promptTokens(ollamaDefaultContext: Int, modelLimit: Int?, isOllama: Bool) -> (count: Int, isCut: Bool) {
        let count = SimulatedTokenizer.promptTokens(text: prompt, messages: messageCount)
        let window = min(contextLength ?? ollamaDefaultContext, modelLimit ?? .max)
        return isOllama && count > window ? (window, true) : (count, false)
    }

    /// Tokens to generate: the request's limit, else the simulator's default.
    func outputTokens(default value: Int) -> Int { requestedTokens ?? value }

    /// Parses a request body; `nil` when it is not a JSON object. `requestID` is the request's
    /// `X-Request-Id` header.
    init?(body: ByteBuffer, requestID: String?, path: String, api: SimulatedAPI) {
        guard let json = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any] else {
            return nil
        }
        model = json["model"] as? String ?? ""
        let messages = (json["messages"] as? [[String: Any]] ?? []).compactMap { $0["content"] as? String }
        prompt = api.usesMessages ? messages.joined(separator: "\n") : json["prompt"] as? String ?? ""
        messageCount = api.usesMessages ? messages.count : nil
        self.messages =
            api.usesMessages
            ? (json["messages"] as? [[String: Any]] ?? []).compactMap { message in
                (message["content"] as? String).map {
                    SimulatedMessage(role: message["role"] as? String ?? "", content: $0)
                }
            } : nil
        contextLength = ((json["options"] as? [String: Any])?["num_ctx"] as? NSNumber)?.intValue
        let limit: NSNumber? =
            api.isOllama
            ? (json["options"] as? [String: Any])?["num_predict"] as? NSNumber
            : (json["max_tokens"] ?? json["max_completion_tokens"]) as? NSNumber
        requestedTokens = limit.flatMap { $0.intValue >= 0 ? $0.intValue : nil }
        // Ollama streams unless told not to; OpenAI does not unless asked.
        isStreaming = json["stream"] as? Bool ?? api.isOllama
        includesUsage = (json["stream_options"] as? [String: Any])?["include_usage"] as? Bool ?? false
        self.requestID = requestID
        self.path = path
    }
}

/// The generation endpoints the simulator serves.
enum SimulatedAPI: Sendable {
    case ollamaGenerate, ollamaChat, openAIChat, openAICompletions

    var isOllama: Bool { self == .ollamaGenerate || self == .ollamaChat }
    var usesMessages: Bool { self == .ollamaChat || self == .openAIChat }
}
