extension RunSummary {
    /// Requests meeting every latency bound the user gave (`--slo`). The bounds themselves are
    /// settings: they are written once, in the run description's `objectives`.
    public struct Goodput: Sendable, Codable, Equatable {
        /// Measured requests that succeeded and met every bound.
        public var requestsMeeting: Int
        /// `requests_meeting / requests.total`.
        public var share: Double?
        /// `requests_meeting / run.window_s`.
        public var ratePerS: Double?

        public init(requestsMeeting: Int, share: Double?, ratePerS: Double?) {
            self.requestsMeeting = requestsMeeting
            self.share = share
            self.ratePerS = ratePerS
        }
    }
}
