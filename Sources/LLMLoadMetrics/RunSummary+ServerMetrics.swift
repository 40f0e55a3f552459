import LLMLoadCore

extension RunSummary {
    /// What the server said about itself during the run (`--server-metrics`): the curated
    /// figures of every scrape, their statistics, and the counters' growth over the run.
    /// The raw scrapes are in `server_metrics.jsonl`.
    public struct ServerMetrics: Sendable, Codable, Equatable {
        /// The URL scraped: the target's `/metrics`, Ollama's `/api/ps`, or `--server-metrics URL`.
        public var url: String
        /// `vllm`, `llama.cpp`, `sglang`, `tgi` or `ollama`; absent when no known name was found.
        public var server: String?
        public var sampleIntervalMs: Double
        /// Successful scrapes, and those that failed (a failure never fails the run).
        public var scrapes: Int
        public var failedScrapes: Int
        /// The first failure's reason.
        public var failure: String?
        /// Why scraping stopped before the run ended (the server does not serve metrics).
        public var stoppedBecause: String?
        /// The curated figures some scrape had (`requests_running`, …), in catalogue order.
        public var found: [String]
        /// Every scrape's curated figures, in time order.
        public var samples: [ServerMetricsSample]
        /// Each found figure's statistic over the scrapes in the measured window, by figure id.
        public var measured: [String: ResourceStatistic]
        /// How much each curated counter grew from the first scrape to the last (`prompt_tokens`,
        /// `generation_tokens`, `preemptions`, `prefix_cache_hits`, …), by id.
        public var counterGrowth: [String: Double]
        /// Prompt tokens served from the prefix cache over the run, 0–100; absent when the
        /// server counts no such thing or no prompt token was looked up.
        public var prefixCacheHitPercent: Double?

        public init(
            url: String, server: String?, sampleIntervalMs: Double, scrapes: Int, failedScrapes: Int,
            failure: String?, stoppedBecause: String?, samples: [ServerMetricsSample],
            counterGrowth: [String: Double], prefixCacheHitPercent: Double?, measuredWindowS: ClosedRange<Double>?
        ) {
            self.url = url
            self.server = server
            self.sampleIntervalMs = sampleIntervalMs
            self.scrapes = scrapes
            self.failedScrapes = failedScrapes
            self.failure = failure
            self.stoppedBecause = stoppedBecause
            self.samples = samples
            self.counterGrowth = counterGrowth
            self.prefixCacheHitPercent = prefixCacheHitPercent
            let figures = ServerMetricsSample.Figure.allCases.filter { figure in samples.contains { $0[figure] != nil }
            }
            found = figures.map(\.rawValue)
            let inWindow = measuredWindowS.map { window in samples.filter { window.contains($0.tS) } } ?? []
            var measured: [String: ResourceStatistic] = [:]
            for figure in figures {
                measured[figure.rawValue] = ResourceStatistic(inWindow.compactMap { $0[figure] })
            }
            self.measured = measured
        }
    }
}
