import Foundation
import Hummingbird

/// Ollama's NDJSON lines; the constant prefix of each line is built once per request.
struct OllamaFormat: WireFormat {
    let prefix: String
    let isChat: Bool
    let finishReason: String
    let tokenFraming: TokenFraming

    /// - Parameter thinkingTokens: the first tokens sent as `thinking`, as Ollama streams a
    ///   reasoning model's thoughts (with an empty `response` or `content` beside them).
    init(_ request: SimulatedRequest, isChat: Bool, thinkingTokens: Int = 0, style: ReasoningStyle = .field) {
        prefix = #"{"model":\#(JSONText.quoted(request.model)),"created_at":"\#(OllamaTimestamp.now())","#
        self.isChat = isChat
        finishReason = request.finishReason
        let end = #","done":false}"# + "\n"
        tokenFraming =
            isChat
            ? TokenFraming(
                head: prefix + #""message":{"role":"assistant","content":"#, tail: "}" + end,
                reasoning: (prefix + #""message":{"role":"assistant","content":"","thinking":"#, "}" + end),
                reasoningTokens: thinkingTokens, style: style)
            : TokenFraming(
                head: prefix + #""response":"#, tail: end,
                reasoning: (prefix + #""response":"","thinking":"#, end), reasoningTokens: thinkingTokens, style: style)
    }

    var streamContentType: String { "application/x-ndjson" }

    func preamble() -> String? { nil }

    func streamEnd(truth: SimulatedRequestTruth, generation: SimulatedGeneration) -> String {
        completeBody(text: "", truth: truth, generation: generation)
    }

    func completeBody(text: String, truth: SimulatedRequestTruth, generation: SimulatedGeneration) -> String {
        let total = (truth.finishedAt - truth.receivedAt).nanosecondCount
        let evalStart = truth.startedAt + generation.promptEvalDuration
        let eval = truth.tokenWrittenAt.last.map { ($0 - evalStart).nanosecondCount } ?? 0
        return prefix + textField(text) + #","done":true,"done_reason":"\#(finishReason)","#
            + (isChat ? "" : #""context":[1,2,3],"#)
            + #""total_duration":\#(total),"load_duration":0,"#
            + #""prompt_eval_count":\#(truth.promptTokens),"#
            + #""prompt_eval_duration":\#(generation.promptEvalDuration.nanosecondCount),"#
            + #""eval_count":\#(truth.outputTokens),"eval_duration":\#(max(0, eval))}"# + "\n"
    }

    func errorBody(_ message: String, status: HTTPResponse.Status) -> String {
        #"{"error":\#(JSONText.quoted(message))}"#
    }

    func fault(_ kind: FaultKind) -> String? {
        switch kind {
        case .midStreamError: #"{"error":"simulated mid-stream failure"}"# + "\n"
        case .malformed: "this line is not JSON\n"
        case .truncate, .disconnect, .httpError, .busy: nil
        }
    }

    private func textField(_ text: String) -> String {
        isChat
            ? #""message":{"role":"assistant","content":\#(JSONText.quoted(text))}"#
            : #""response":\#(JSONText.quoted(text))"#
    }
}
