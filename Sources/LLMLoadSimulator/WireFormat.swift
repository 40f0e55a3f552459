import Hummingbird

/// How one API spells a response: the simulator's timing is shared, only the bytes differ.
protocol WireFormat: Sendable {
    /// `Content-Type` of a streaming response.
    var streamContentType: String { get }
    /// Bytes sent as soon as the stream opens, before any token (OpenAI's role-only chunk).
    func preamble() -> String?
    func token(_ text: String) -> String
    /// The end of a complete stream (terminator, finish reason, counts).
    func streamEnd(truth: SimulatedRequestTruth, generation: SimulatedGeneration) -> String
    /// A whole non-streaming answer.
    func completeBody(text: String, truth: SimulatedRequestTruth, generation: SimulatedGeneration) -> String
    /// An error answer before any token.
    func errorBody(_ message: String, status: HTTPResponse.Status) -> String
    /// What a mid-stream fault writes, if anything.
    func fault(_ kind: FaultKind) -> String?
}

extension SimulatedRequest {
    /// `length` when the request set a limit (the simulator always reaches it), else `stop`.
    var finishReason: String { requestedTokens == nil ? "stop" : "length" }
}
