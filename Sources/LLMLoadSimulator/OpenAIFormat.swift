import Foundation
import Hummingbird

/// OpenAI-compatible Server-Sent Events and JSON bodies, for `/v1/chat/completions` and
/// `/v1/completions`, shaped like vLLM's and llama.cpp's.
struct OpenAIFormat: WireFormat {
    let isChat: Bool
    let includesUsage: Bool
    let finishReason: String
    /// `{"id":…,"object":…,"created":…,"model":…,` — the constant start of every chunk.
    let prefix: String
    let tokenFraming: TokenFraming
    /// Whether the usage counts the reasoning tokens (`completion_tokens_details.reasoning_tokens`,
    /// as OpenAI's API does): only for thoughts sent in `reasoning_content`, which a server writes
    /// when its reasoning parser split them off. Inline `<think>` text is answer text to a server
    /// without one, which then counts nothing apart.
    let reportsReasoningTokens: Bool

    /// - Parameter thinkingTokens: chat only: the first tokens sent as `delta.reasoning_content`,
    ///   as vLLM and llama.cpp stream a reasoning model's thoughts.
    init(
        _ request: SimulatedRequest, isChat: Bool, number: Int, thinkingTokens: Int = 0, style: ReasoningStyle = .field
    ) {
        self.isChat = isChat
        reportsReasoningTokens = isChat && style == .field && thinkingTokens > 0
        includesUsage = request.includesUsage
        finishReason = request.finishReason
        let object = isChat ? "chat.completion.chunk" : "text_completion"
        let created = Int(Date().timeIntervalSince1970)
        prefix =
            #"{"id":"\#(isChat ? "chatcmpl" : "cmpl")-sim-\#(number)","object":"\#(object)","#
            + #""created":\#(created),"model":\#(JSONText.quoted(request.model)),"#
        let choice =
            isChat
            ? (#""choices":[{"index":0,"delta":{"content":"#, #"},"finish_reason":null}]"#)
            : (#""choices":[{"index":0,"text":"#, #","logprobs":null,"finish_reason":null}]"#)
        tokenFraming = TokenFraming(
            head: "data: " + prefix + choice.0, tail: choice.1 + "}\n\n",
            reasoning: isChat
                ? ("data: " + prefix + #""choices":[{"index":0,"delta":{"reasoning_content":"#, choice.1 + "}\n\n")
                : nil,
            reasoningTokens: thinkingTokens, style: style)
    }

    var streamContentType: String { "text/event-stream" }

    func preamble() -> String? {
        // Real servers open a chat stream with a role-only delta: it carries no token.
        isChat ? event(#""choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]"#) : nil
    }

    func streamEnd(truth: SimulatedRequestTruth, generation: SimulatedGeneration) -> String {
        var end = event(#""choices":[\#(choice(text: nil, finishReason: finishReason))]"#)
        if includesUsage { end += event(#""choices":[],"usage":\#(usage(truth))"#) }
        return end + "data: [DONE]\n\n"
    }

    func completeBody(text: String, truth: SimulatedRequestTruth, generation: SimulatedGeneration) -> String {
        let object = isChat ? "chat.completion" : "text_completion"
        let body =
            isChat
            ? #"{"index":0,"message":{"role":"assistant","content":\#(JSONText.quoted(text))},"finish_reason":"\#(finishReason)"}"#
            : #"{"index":0,"text":\#(JSONText.quoted(text)),"logprobs":null,"finish_reason":"\#(finishReason)"}"#
        return prefix.replacingOccurrences(of: isChat ? "chat.completion.chunk" : "text_completion", with: object)
            + #""choices":[\#(body)],"usage":\#(usage(truth))}"#
    }

    func errorBody(_ message: String, status: HTTPResponse.Status) -> String {
        #"{"error":{"message":\#(JSONText.quoted(message)),"type":"server_error","code":\#(status.code)}}"#
    }

    func fault(_ kind: FaultKind) -> String? {
        switch kind {
        case .midStreamError:
            #"data: {"error":{"message":"simulated mid-stream failure","type":"server_error"}}"# + "\n\n"
        case .malformed: "data: this line is not JSON\n\n"
        case .truncate, .disconnect, .httpError, .busy: nil
        }
    }

    private func event(_ body: String) -> String { "data: " + prefix + body + "}\n\n" }

    private func choice(text: String?, finishReason: String?) -> String {
        let reason = finishReason.map { #""\#($0)""# } ?? "null"
        if isChat {
            let delta = text.map { #"{"content":\#(JSONText.quoted($0))}"# } ?? "{}"
            return #"{"index":0,"delta":\#(delta),"finish_reason":\#(reason)}"#
        }
        return #"{"index":0,"text":\#(JSONText.quoted(text ?? "")),"logprobs":null,"finish_reason":\#(reason)}"#
    }

    private func usage(_ truth: SimulatedRequestTruth) -> String {
        let total = truth.promptTokens + truth.outputTokens
        let details =
            reportsReasoningTokens
            ? #","completion_tokens_details":{"reasoning_tokens":\#(truth.thinkingTokens)}"# : ""
        return
            #"{"prompt_tokens":\#(truth.promptTokens),"completion_tokens":\#(truth.outputTokens),"total_tokens":\#(total)\#(details)}"#
    }
}
