/// One request the load model decided to send, and when.
public struct RequestPlan: Sendable {
    /// Position in the run's schedule, from 0.
    public var index: Int
    /// When the load model intended the request to go out.
    public var scheduledAt: ContinuousClock.Instant
    public var request: InferenceRequest
    /// Sent during the warm-up: recorded, but left out of every statistic.
    public var isWarmup: Bool
    /// The prompt tokens this request was built to have (`--input-tokens`), to compare with
    /// the server's count.
    public var targetPromptTokens: Int?

    public init(
        index: Int, scheduledAt: ContinuousClock.Instant, request: InferenceRequest, isWarmup: Bool = false,
        targetPromptTokens: Int? = nil
    ) {
        self.index = index
        self.scheduledAt = scheduledAt
        self.request = request
        self.isWarmup = isWarmup
        self.targetPromptTokens = targetPromptTokens
    }
}
