import LLMLoadCore

extension RunSummary {
    /// One replica's figures (`--url` given more than once): its requests folded by an
    /// ``Aggregator`` of their own and summarised as the whole run is, so every catalogue
    /// metric, count, rate and token total means what it means for the run.
    ///
    /// Rates are per second of the *run's* window, not of the replica's own: the replicas'
    /// `requests_per_s` and tokens/s then add up to the run's.
    public struct TargetFigures: Sendable, Codable, Equatable {
        /// From 1, in the order the URLs were given: the `target` column of `requests.csv`.
        public var number: Int
        public var url: String
        public var requests: Requests
        public var throughput: Throughput
        public var tokens: Tokens
        public var latency: Latency
        /// The replica's goodput, when `--slo` was given.
        public var goodput: Goodput?
        public var errors: [ErrorCount]

        /// The figures of the requests `aggregator` folded, over `run`'s window.
        public init(number: Int, url: String, aggregator: Aggregator, runDescription: RunDescription, run: Run) {
            let whole = RunSummary(aggregator: aggregator, runDescription: runDescription, run: run)
            self.number = number
            self.url = url
            requests = whole.requests
            throughput = whole.throughput
            tokens = whole.tokens
            latency = whole.latency
            goodput = whole.goodput
            errors = whole.errors
        }
    }
}
