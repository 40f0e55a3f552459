/// What merging shards needs from their `requests.csv` rows, read together, that their
/// summaries cannot give: the common window (first measured scheduled instant to the last
/// response's end, on the common start's time base), the span of sends, the prefix-cache
/// counts and each second's latencies, for per-second percentiles recomputed over every
/// shard's requests.
///
/// Holds two numbers per successful request (its TTFT and E2E, by completion second).
public struct RequestRowFacts: Sendable {
    /// The fields of one `requests.csv` row that matter here, in milliseconds since the start.
    public struct Row: Sendable {
        public var isWarmup: Bool
        public var isOK: Bool
        public var scheduledMs: Double
        public var sentMs: Double?
        public var finishedMs: Double
        public var ttftMs: Double?
        public var e2eMs: Double?
        /// The server's prompt count (`prompt_tokens` with source `server`), if it gave one.
        public var serverPromptTokens: Int?
        public var cachedPromptTokens: Int?

        public init(
            isWarmup: Bool, isOK: Bool, scheduledMs: Double, sentMs: Double?, finishedMs: Double, ttftMs: Double?,
            e2eMs: Double?, serverPromptTokens: Int?, cachedPromptTokens: Int?
        ) {
            self.isWarmup = isWarmup
            self.isOK = isOK
            self.scheduledMs = scheduledMs
            self.sentMs = sentMs
            self.finishedMs = finishedMs
            self.ttftMs = ttftMs
            self.e2eMs = e2eMs
            self.serverPromptTokens = serverPromptTokens
            self.cachedPromptTokens = cachedPromptTokens
        }
    }

    public private(set) var rows = 0
    public private(set) var firstScheduledMs: Double?
    public private(set) var lastFinishedMs: Double?
    public private(set) var firstSentMs: Double?
    public private(set) var lastSentMs: Double?
    /// As ``Aggregator/cachedPromptTokens`` and ``Aggregator/promptTokensWithCacheReport``.
    public private(set) var cachedPromptTokens = 0
    public private(set) var promptTokensWithCacheReport = 0
    /// TTFT and E2E of successful requests (warm-up included, as the time series has them),
    /// by the second in which each completed.
    private(set) var ttftBySecond: [Int: [Double]] = [:]
    private(set) var e2eBySecond: [Int: [Double]] = [:]

    public init() {}

    public mutating func add(_ row: Row) {
        rows += 1
        if row.isOK {
            let second = max(0, Int((row.finishedMs / 1000).rounded(.down)))
            if let ttft = row.ttftMs { ttftBySecond[second, default: []].append(ttft) }
            if let e2e = row.e2eMs { e2eBySecond[second, default: []].append(e2e) }
        }
        guard !row.isWarmup else { return }
        firstScheduledMs = min(firstScheduledMs ?? row.scheduledMs, row.scheduledMs)
        lastFinishedMs = max(lastFinishedMs ?? row.finishedMs, row.finishedMs)
        if let sent = row.sentMs {
            firstSentMs = min(firstSentMs ?? sent, sent)
            lastSentMs = max(lastSentMs ?? sent, sent)
        }
        if row.isOK, let cached = row.cachedPromptTokens, let prompt = row.serverPromptTokens {
            cachedPromptTokens = cachedPromptTokens.saturatingAdding(max(0, cached))
            promptTokensWithCacheReport = promptTokensWithCacheReport.saturatingAdding(max(0, prompt))
        }
    }

    /// The measured window in seconds from the start, as ``Aggregator/windowSeconds`` has it
    /// for one process; `nil` when no measured request was read.
    public var measuredWindowS: ClosedRange<Double>? {
        guard let firstScheduledMs, let lastFinishedMs, lastFinishedMs >= firstScheduledMs else { return nil }
        return (firstScheduledMs / 1000)...(lastFinishedMs / 1000)
    }
}
