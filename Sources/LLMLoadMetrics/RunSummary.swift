import LLMLoadCore

/// Every statistic of a run, as written to `summary.json` (schema in `docs/results-schema.md`)
/// and shown on the console. Field names carry their unit (`_ms`, `_per_s`, `_s`); JSON keys
/// are the snake_case of the property names.
///
/// What the run was (tool, target, load, request settings, host) is not repeated here field by
/// field: it is ``runDescription``, the same value `config.json` holds. The summary adds only
/// what was measured.
public struct RunSummary: Sendable, Codable, Equatable {
    /// Bumped on any breaking change to the layout of `summary.json` or `config.json`.
    public static let currentSchemaVersion = RunDescription.currentSchemaVersion

    public var schemaVersion = RunSummary.currentSchemaVersion
    /// The run as set up, after discovery: `config.json`, embedded whole.
    public var runDescription: RunDescription
    public var run: Run
    public var requests: Requests
    public var throughput: Throughput
    public var tokens: Tokens
    public var latency: Latency
    /// Present when `--slo` was given.
    public var goodput: Goodput?
    public var errors: [ErrorCount]
    /// One entry per second of the run, from its start (warm-up included, and marked).
    public var timeseries: [TimeSeries.Bucket]
    /// Every latency distribution in mergeable form, keyed like `latency` (`ttft_ms`, …), so
    /// runs (or shards of one run) combine exactly.
    public var histograms: [String: DistributionSnapshot]
    /// Failures beyond the distinct messages kept in `errors`.
    public var errorsNotListed: Int
    /// CPU, memory, process and GPU samples of the whole run; absent when nothing was monitored.
    public var resources: Resources?
    /// Synthetic prompts against their targets; absent without `--input-tokens`.
    public var inputTokens: InputTokens?
    /// How late the client's own event loops ran, and whether that made the figures unreliable;
    /// absent in summaries written before it was measured.
    public var client: Client?
    /// The server's own metrics, scraped during the run; absent with `--server-metrics off`.
    public var serverMetrics: ServerMetrics?
    /// A run merged from shards (`llmload merge`): the load they were part of and each shard's
    /// own figures; absent for a run of one process.
    public var merge: Merge?
    /// Every figure again per replica, in the order the URLs were given; absent for one server.
    public var targets: [TargetFigures]?
    /// TTFT and the server's prompt count by conversation turn, in turn order; absent without
    /// `--turns`.
    public var turns: [TurnFigures]?

    public init(
        runDescription: RunDescription, run: Run, requests: Requests, throughput: Throughput, tokens: Tokens,
        latency: Latency, goodput: Goodput? = nil, errors: [ErrorCount], timeseries: [TimeSeries.Bucket] = [],
        histograms: [String: DistributionSnapshot] = [:], errorsNotListed: Int
    ) {
        self.runDescription = runDescription
        self.run = run
        self.requests = requests
        self.throughput = throughput
        self.tokens = tokens
        self.latency = latency
        self.goodput = goodput
        self.errors = errors
        self.timeseries = timeseries
        self.histograms = histograms
        self.errorsNotListed = errorsNotListed
    }

    public struct Run: Sendable, Codable, Equatable {
        /// Wall-clock labels (ISO 8601, UTC); durations come from the monotonic clock.
        public var startedAt: String
        public var endedAt: String
        /// `true` when the user stopped the run early.
        public var interrupted: Bool
        /// `duration_reached`, `request_limit_reached`, `schedule_exhausted` or `interrupted`.
        public var stopReason: String
        /// From the run's start to the end of the last response: the throughput denominator.
        public var windowS: Double
        /// Requests still in flight when the drain ended, cancelled and counted as such.
        public var drainCancelledInFlight: Bool
        /// A shard only: how late this process woke after the common `--start-at` (its
        /// schedule is anchored on that instant all the same, so this is lag, not a shift).
        public var startLateMs: Double?

        public init(
            startedAt: String, endedAt: String, interrupted: Bool, stopReason: String, windowS: Double,
            drainCancelledInFlight: Bool
        ) {
            self.startedAt = startedAt
            self.endedAt = endedAt
            self.interrupted = interrupted
            self.stopReason = stopReason
            self.windowS = windowS
            self.drainCancelledInFlight = drainCancelledInFlight
        }
    }

    public struct Requests: Sendable, Codable, Equatable {
        /// Requests the load model dispatched after the warm-up (each has a row).
        public var total: Int
        /// Warm-up requests: in `requests.csv` (phase `warmup`), in no statistic.
        public var warmup: Int
        /// Requests whose head reached the connection.
        public var sent: Int
        public var byOutcome: [String: Int]
        public var byHttpStatus: [String: Int]
        /// Finish reasons of successful requests (`stop`, `length`, …).
        public var finishReasons: [String: Int]
        /// Shares of `total`: success + error + timeout + cancelled = 1.
        public var successRate: Double?
        /// `http_error`, `connection_error` and `stream_error` together.
        public var errorRate: Double?
        public var timeoutRate: Double?
        public var cancelledRate: Double?
        /// Requests sent again because their connection closed before any byte of the answer
        /// (a keep-alive connection the server closed as the request went out; it never
        /// reached the server). Each is counted once, by its last send's outcome.
        /// Absent in summaries written before it was counted.
        public var resentOnClosedConnection: Int?

        public init(
            total: Int, warmup: Int = 0, sent: Int, byOutcome: [String: Int], byHttpStatus: [String: Int],
            finishReasons: [String: Int],
            successRate: Double? = nil, errorRate: Double? = nil, timeoutRate: Double? = nil,
            cancelledRate: Double? = nil
        ) {
            self.total = total
            self.warmup = warmup
            self.sent = sent
            self.byOutcome = byOutcome
            self.byHttpStatus = byHttpStatus
            self.finishReasons = finishReasons
            self.successRate = successRate
            self.errorRate = errorRate
            self.timeoutRate = timeoutRate
            self.cancelledRate = cancelledRate
        }
    }

    public struct Throughput: Sendable, Codable, Equatable {
        /// Successful requests per second of the window.
        public var requestsPerS: Double?
        /// Requests sent per second, from first to last send.
        public var sentPerS: Double?
        public var outputTokensPerS: Double?
        public var totalTokensPerS: Double?

        public init(
            requestsPerS: Double? = nil, sentPerS: Double? = nil, outputTokensPerS: Double? = nil,
            totalTokensPerS: Double? = nil
        ) {
            self.requestsPerS = requestsPerS
            self.sentPerS = sentPerS
            self.outputTokensPerS = outputTokensPerS
            self.totalTokensPerS = totalTokensPerS
        }
    }

    public struct Tokens: Sendable, Codable, Equatable {
        public var outputTotal: Int
        public var promptTotal: Int
        /// `server`, `estimated`, `mixed`, or `none`.
        public var outputSource: String
        public var promptSource: String
        /// Prompt tokens the server served from its prefix cache, over the successful requests
        /// whose server said (OpenAI `cached_tokens`, llama.cpp `cache_n`); absent when none did.
        public var promptCachedTotal: Int?
        /// `prompt_cached_total` over the prompt tokens of those same requests, 0–1.
        public var promptCacheHitRate: Double?

        public init(outputTotal: Int, promptTotal: Int, outputSource: String, promptSource: String) {
            self.outputTotal = outputTotal
            self.promptTotal = promptTotal
            self.outputSource = outputSource
            self.promptSource = promptSource
        }
    }

    public struct ErrorCount: Sendable, Codable, Equatable {
        public var outcome: String
        public var httpStatus: Int?
        public var message: String
        public var count: Int

        public init(outcome: String, httpStatus: Int?, message: String, count: Int) {
            self.outcome = outcome
            self.httpStatus = httpStatus
            self.message = message
            self.count = count
        }
    }
}
