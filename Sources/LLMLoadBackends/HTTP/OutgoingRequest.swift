import LLMLoadCore

/// One request to send (``HTTPInferenceClient/execute(_:)``): its plan, the API that encodes it
/// and reads its answer, where it goes, how long it may take, and extra headers.
///
/// A reference, so that the frames of the task waiting for its answer hold a pointer rather
/// than the plan's 592 bytes while it is in flight.
public final class OutgoingRequest: Sendable {
    public let plan: RequestPlan
    public let api: any InferenceAPI
    /// The target without the API path, for example `http://127.0.0.1:11434`.
    public let baseURL: String
    public let timeout: Duration
    /// Such as a request id the server can log.
    public let headers: [(String, String)]

    public init(
        plan: RequestPlan, api: any InferenceAPI, baseURL: String, timeout: Duration, headers: [(String, String)] = []
    ) {
        self.plan = plan
        self.api = api
        self.baseURL = baseURL
        self.timeout = timeout
        self.headers = headers
    }
}
