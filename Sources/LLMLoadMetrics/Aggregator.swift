import LLMLoadCore

/// Folds request records into run statistics. One owner (the runner's consumer task) feeds it,
/// so it is a plain value type with no locking (STYLE C7). Memory stays constant however many
/// records pass through.
public struct Aggregator: Sendable {
    /// Warm-up requests seen; nothing else of theirs is counted.
    public private(set) var warmupRequests = 0
    public private(set) var recorded = 0
    public private(set) var sent = 0
    public private(set) var outcomes: [RequestOutcome: Int] = [:]
    public private(set) var httpStatuses: [Int: Int] = [:]
    /// Successful requests by the server's finish reason: at most ``maximumFinishReasons``
    /// distinct ones, the rest counted under ``otherFinishReasons``.
    public private(set) var finishReasons: [String: Int] = [:]
    public static let maximumFinishReasons = 50
    public static let otherFinishReasons = "other"
    public private(set) var errors = ErrorTally()

    /// One distribution per ``MetricCatalogue/all`` metric, at the same index, over successful
    /// (`ok`) requests only.
    private var metricDistributions = MetricCatalogue.all.map { $0.makeDistribution() }
    /// Each metric's `record`, in catalogue order: the per-request loop calls these without
    /// copying each `Metric` (its strings and closures) for every request.
    private static let recorders = MetricCatalogue.all.map(\.record)

    /// Token totals over successful requests, with how many counts came from each source.
    public private(set) var outputTokens = 0
    public private(set) var promptTokens = 0
    public private(set) var outputTokenSources: [TokenCountSource: Int] = [:]
    public private(set) var promptTokenSources: [TokenCountSource: Int] = [:]
    /// Prompt tokens served from the server's prefix cache, and all the prompt tokens of the
    /// successful requests whose server said how many were cached (the hit rate's denominator).
    public private(set) var cachedPromptTokens = 0
    public private(set) var promptTokensWithCacheReport = 0

    /// The earliest scheduled instant of a measured request: where the measured window starts.
    public private(set) var firstScheduledAt: ContinuousClock.Instant?
    public private(set) var firstSentAt: ContinuousClock.Instant?
    public private(set) var lastSentAt: ContinuousClock.Instant?
    public private(set) var lastFinishedAt: ContinuousClock.Instant?

    /// From the first measured request's scheduled instant to the end of the last response.
    public var windowSeconds: Double {
        guard let firstScheduledAt, let lastFinishedAt else { return 0 }
        return (lastFinishedAt - firstScheduledAt).seconds
    }

    /// The bounds goodput is counted against; `nil`: no goodput.
    public let objectives: ServiceLevelObjectives?
    /// Measured requests meeting every bound of `objectives`.
    public private(set) var requestsMeetingObjectives = 0
    /// Measured requests sent again after their connection closed before any answer.
    public private(set) var resentOnClosedConnection = 0
    /// Server prompt counts against `--input-tokens` targets.
    public private(set) var inputTokens = InputTokenComparison()
    /// TTFT and prompt counts by conversation turn (`--turns`).
    public private(set) var turns = TurnStatistics()

    public init(objectives: ServiceLevelObjectives? = nil) {
        self.objectives = objectives
    }

    public mutating func add(_ record: RequestRecord) {
        guard !record.isWarmup else {
            warmupRequests += 1
            return
        }
        recorded += 1
        firstScheduledAt = min(firstScheduledAt ?? record.scheduledAt, record.scheduledAt)
        outcomes[record.outcome, default: 0] += 1
        if let status = record.httpStatus { httpStatuses[status, default: 0] += 1 }
        if let sentAt = record.sentAt {
            sent += 1
            firstSentAt = min(firstSentAt ?? sentAt, sentAt)
            lastSentAt = max(lastSentAt ?? sentAt, sentAt)
        }
        lastFinishedAt = max(lastFinishedAt ?? record.finishedAt, record.finishedAt)
        if let objectives, objectives.isMet(by: record) { requestsMeetingObjectives += 1 }
        inputTokens.add(record)
        turns.add(record)
        if record.resentOnClosedConnection { resentOnClosedConnection += 1 }
        guard record.outcome == .ok else {
            errors.add(record)
            return
        }
        if let reason = record.finishReason {
            // A hostile server could send a new reason every time: keep a bounded set.
            let key =
                finishReasons[reason] != nil || finishReasons.count < Self.maximumFinishReasons
                ? reason : Self.otherFinishReasons
            finishReasons[key, default: 0] += 1
        }
        for (index, add) in Self.recorders.enumerated() { add(record, &metricDistributions[index]) }
        if let tokens = record.outputTokens {
            // Saturating: a server's count (up to Int.max) must not trap the run.
            outputTokens = outputTokens.saturatingAdding(max(0, tokens.value))
            outputTokenSources[tokens.source, default: 0] += 1
        }
        if let tokens = record.promptTokens {
            promptTokens = promptTokens.saturatingAdding(max(0, tokens.value))
            promptTokenSources[tokens.source, default: 0] += 1
        }
        if let cached = record.cachedPromptTokens, let prompt = record.promptTokens, prompt.source == .server {
            cachedPromptTokens = cachedPromptTokens.saturatingAdding(max(0, cached))
            promptTokensWithCacheReport = promptTokensWithCacheReport.saturatingAdding(max(0, prompt.value))
        }
    }

    public func count(_ outcome: RequestOutcome) -> Int { outcomes[outcome, default: 0] }

    /// The distribution of a catalogue metric; an empty one for a metric not in the catalogue.
    public subscript(metric: Metric) -> Distribution {
        MetricCatalogue.all.firstIndex { $0.id == metric.id }.map { metricDistributions[$0] }
            ?? metric.makeDistribution()
    }

    /// Every catalogue metric's distribution, keyed by its id in `summary.json` (`latency.<id>`).
    public var distributions: [String: Distribution] {
        Dictionary(uniqueKeysWithValues: zip(MetricCatalogue.all.map(\.id), metricDistributions))
    }
}

/// Distinct failures and how often each happened, bounded so a server that returns a new
/// message every time cannot grow memory without limit: at most ``maximumDistinct`` messages,
/// each as the runner cut it (``RequestRecord/redactForOutputs(_:)``).
public struct ErrorTally: Sendable {
    /// One kind of failure: outcome, HTTP status and message.
    public struct Key: Hashable, Sendable {
        public var outcome: RequestOutcome
        public var httpStatus: Int?
        public var message: String
    }

    public static let maximumDistinct = 100
    public private(set) var counts: [Key: Int] = [:]
    /// Failures whose message arrived after ``maximumDistinct`` distinct ones were kept.
    public private(set) var overflow = 0

    public init() {}

    mutating func add(_ record: RequestRecord) {
        let key = Key(outcome: record.outcome, httpStatus: record.httpStatus, message: record.errorMessage ?? "")
        if counts[key] != nil || counts.count < Self.maximumDistinct {
            counts[key, default: 0] += 1
        } else {
            overflow += 1
        }
    }

    /// Most frequent first; ties in a stable order.
    public var sorted: [(key: Key, count: Int)] {
        counts.map { ($0.key, $0.value) }.sorted {
            ($0.count, $1.key.outcome, $1.key.message) > ($1.count, $0.key.outcome, $0.key.message)
        }
    }
}
