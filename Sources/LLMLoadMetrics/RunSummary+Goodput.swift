extension RunSummary {
    /// Requests meeting every latency bound the user gave (`--slo`).
    public struct Goodput: Sendable, Codable, Equatable {
        public var ttftMs: Double?
        public var tpotMs: Double?
        public var e2eMs: Double?
        /// Measured requests that succeeded and met every bound.
        public var requestsMeeting: Int
        /// `requests_meeting / requests.total`.
        public var share: Double?
        /// `requests_meeting / run.window_s`.
        public var ratePerS: Double?

        public init(
            ttftMs: Double?, tpotMs: Double?, e2eMs: Double?, requestsMeeting: Int, share: Double?, ratePerS: Double?
        ) {
            self.ttftMs = ttftMs
            self.tpotMs = tpotMs
            self.e2eMs = e2eMs
            self.requestsMeeting = requestsMeeting
            self.share = share
            self.ratePerS = ratePerS
        }
    }
}
