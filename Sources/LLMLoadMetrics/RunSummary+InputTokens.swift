import LLMLoadCore

extension RunSummary {
    /// Synthetic prompts (`--input-tokens`): how each request's server count compared with its
    /// target (measured requests only). The target and how the prompts were fitted are settings:
    /// `run_description.requests.input_tokens` and `run_description.input_calibration`.
    public struct InputTokens: Sendable, Codable, Equatable {
        public var requests: Int
        /// Requests whose prompt count the server reported.
        public var serverCounted: Int
        /// Within 2 % (at least 10 tokens) of the target.
        public var withinTolerance: Int
        /// Below the target by more than that: the server cut the prompt.
        public var shorterThanTarget: Int
        public var longerThanTarget: Int
        /// Server count − target.
        public var meanDeviationTokens: Double?
        public var minDeviationTokens: Int?
        public var maxDeviationTokens: Int?
        public var maxDeviationPercent: Double?
        /// The first requests (by index) found shorter than their target.
        public var shortRequestIndexes: [Int]
        public init(comparison c: InputTokenComparison) {
            requests = c.requests
            serverCounted = c.serverCounted
            withinTolerance = c.withinTolerance
            shorterThanTarget = c.shorter
            longerThanTarget = c.longer
            meanDeviationTokens = c.serverCounted > 0 ? Double(c.deviationSum) / Double(c.serverCounted) : nil
            minDeviationTokens = c.minimumDeviation
            maxDeviationTokens = c.maximumDeviation
            maxDeviationPercent = c.serverCounted > 0 ? c.maximumRelativeDeviation * 100 : nil
            shortRequestIndexes = c.shortRequestIndexes
        }
    }
}
