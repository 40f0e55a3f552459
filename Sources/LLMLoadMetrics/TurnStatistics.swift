import LLMLoadCore

/// Measured requests by their turn in a conversation (`--turns`): how TTFT and the server's
/// prompt count grow as the history does. Constant memory per turn: one histogram and sums.
public struct TurnStatistics: Sendable {
    /// One turn number's requests.
    public struct Turn: Sendable {
        public fileprivate(set) var requests = 0
        public fileprivate(set) var succeeded = 0
        /// Over successful requests.
        public fileprivate(set) var timeToFirstToken = Distribution.milliseconds()
        /// The server's prompt counts of successful requests, and how many it gave.
        public fileprivate(set) var serverPromptTokens = 0
        public fileprivate(set) var serverPromptCounts = 0
    }

    /// By turn number, from 1.
    public private(set) var byTurn: [Int: Turn] = [:]

    public init() {}

    /// Counts a measured request of a conversation; a request without a turn is not one.
    public mutating func add(_ record: RequestRecord) {
        guard let number = record.turn, !record.isWarmup else { return }
        var turn = byTurn[number] ?? Turn()
        turn.requests += 1
        if record.outcome == .ok {
            turn.succeeded += 1
            if let ttft = record.timeToFirstToken { turn.timeToFirstToken.record(ttft) }
            if let prompt = record.promptTokens, prompt.source == .server {
                turn.serverPromptTokens = turn.serverPromptTokens.saturatingAdding(max(0, prompt.value))
                turn.serverPromptCounts += 1
            }
        }
        byTurn[number] = turn
    }
}

extension RunSummary {
    /// One turn number's figures in `summary.json` (`turns`), over measured requests of that turn.
    public struct TurnFigures: Sendable, Codable, Equatable {
        /// From 1.
        public var turn: Int
        public var requests: Int
        public var succeeded: Int
        /// TTFT of the successful requests, in milliseconds; absent when none had one.
        public var ttftP50Ms: Double?
        public var ttftP90Ms: Double?
        public var ttftP99Ms: Double?
        public var ttftMeanMs: Double?
        /// The mean of the server's prompt counts (the whole history, as the server counted it);
        /// absent when the server counted none.
        public var meanInputTokens: Double?

        public init(turn: Int, statistics t: TurnStatistics.Turn) {
            self.turn = turn
            requests = t.requests
            succeeded = t.succeeded
            ttftP50Ms = t.timeToFirstToken.percentile(50)
            ttftP90Ms = t.timeToFirstToken.percentile(90)
            ttftP99Ms = t.timeToFirstToken.percentile(99)
            ttftMeanMs = t.timeToFirstToken.count > 0 ? t.timeToFirstToken.sum / Double(t.timeToFirstToken.count) : nil
            meanInputTokens =
                t.serverPromptCounts > 0 ? Double(t.serverPromptTokens) / Double(t.serverPromptCounts) : nil
        }
    }
}

extension TurnStatistics {
    /// Every turn's figures, in turn order.
    public var figures: [RunSummary.TurnFigures] {
        byTurn.keys.sorted().map { RunSummary.TurnFigures(turn: $0, statistics: byTurn[$0]!) }
    }
}
