import Foundation
import Hummingbird

/// Ollama's NDJSON lines; the constant prefix of each line is built once per request.
struct OllamaFormat: WireFormat {
    let prefix: String
    let isChat: Bool
    let finishReason: String

    init(_ request: SimulatedRequest, isChat: Bool) {
        let createdAt = Date().formatted(.iso8601)
        prefix = #"{"model":\#(JSONText.quoted(request.model)),"created_at":"\#(createdAt)","#
        self.isChat = isChat
        finishReason = request.finishReason
    }

    var streamContentType: String { "application/x-ndjson" }

    func preamble() -> String? { nil }

    func token(_ text: String) -> String {
        prefix + textField(text) + #","done":false}"# + "\n"
    }

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
