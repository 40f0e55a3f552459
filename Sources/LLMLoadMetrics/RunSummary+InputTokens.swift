import LLMLoadCore

extension RunSummary {
    /// Synthetic prompts (`--input-tokens`): how they were fitted, and how each request's
    /// server count compared with its target (measured requests only).
    public struct InputTokens: Sendable, Codable, Equatable {
        /// As given: `2048`, `1000-4096`, `normal:2048,256`. Not written here, like
        /// `calibration`: it is `run_description.requests.input_tokens`.
        public var target: String = ""
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
        /// How the prompts were fitted, for readers of the summary in memory. Not written here:
        /// `summary.json` holds it once, in `run_description.input_calibration`, and reading
        /// the file puts it back (`SummaryWriter.decode`).
        public var calibration: InputCalibration?

        /// The measured figures only: the settings are the run description's.
        private enum CodingKeys: String, CodingKey {
            case requests, serverCounted, withinTolerance, shorterThanTarget, longerThanTarget
            case meanDeviationTokens, minDeviationTokens, maxDeviationTokens, maxDeviationPercent
            case shortRequestIndexes
        }

        public init(target: String, comparison c: InputTokenComparison, calibration: InputCalibration?) {
            self.target = target
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
            self.calibration = calibration
        }
    }
}
