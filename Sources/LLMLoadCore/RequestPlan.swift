/// One request the load model decided to send, and when.
public struct RequestPlan: Sendable {
    /// Position in the run's schedule, from 0.
    public var index: Int
    /// When the load model intended the request to go out.
    public var scheduledAt: ContinuousClock.Instant
    public var request: InferenceRequest

    public init(index: Int, scheduledAt: ContinuousClock.Instant, request: InferenceRequest) {
        self.index = index
        self.scheduledAt = scheduledAt
        self.request = request
    }
}
