import LLMLoadCore

/// What happened in each second of a run, for the charts: requests offered, sent, completed
/// and failed, requests in flight, output tokens, and the mean and P95 of TTFT and E2E.
///
/// Seconds count from the run's start (warm-up included, and marked). Counts and means are
/// exact for every second. Latencies go to the second in which the request **completed**;
/// their values are held only while that second is recent (``openSeconds``), then reduced to
/// a P95, so memory grows with the run's length in seconds, not with its number of requests.
public struct TimeSeries: Sendable {
    /// One second's figures.
    public struct Bucket: Sendable, Equatable, Codable {
        /// Seconds since the run's start: this bucket covers `[second, second + 1)`.
        public var second: Int
        public var isWarmup: Bool
        /// Requests due in this second.
        public var offered = 0
        public var sent = 0
        /// Requests that ended successfully in this second.
        public var completed = 0
        /// Requests that ended in failure in this second.
        public var failed = 0
        /// Requests sent and not yet ended at the end of this second.
        public var inFlight = 0
        /// Output tokens that arrived in this second, so a rate.
        public var outputTokensPerS = 0.0
        public var ttftMeanMs: Double?
        public var ttftP95Ms: Double?
        public var e2eMeanMs: Double?
        public var e2eP95Ms: Double?
        /// The client's own event-loop delay in this second, P99 and maximum over every loop
        /// (``ClientLoopDelay``); absent in summaries written before it was measured.
        public var clientLoopDelayP99Ms: Double?
        public var clientLoopDelayMaxMs: Double?
        /// The client's loop-delay P99 in this second was above ``ClientLoopDelay/bound``: its
        /// instants were late, so latencies measured in it are not reliable.
        public var isClientSaturated: Bool?

        /// An empty second.
        public init(second: Int, isWarmup: Bool) {
            self.second = second
            self.isWarmup = isWarmup
        }
    }

    private struct Accumulator: Sendable {
        var bucket: Bucket
        var ttftValues: [Double] = []
        var e2eValues: [Double] = []
        var ttftSum = 0.0
        var ttftCount = 0
        var e2eSum = 0.0
        var e2eCount = 0
        var isReduced = false

        mutating func reduce() {
            guard !isReduced else { return }
            bucket.ttftP95Ms = TimeSeries.p95(ttftValues)
            bucket.e2eP95Ms = TimeSeries.p95(e2eValues)
            ttftValues = []
            e2eValues = []
            isReduced = true
        }
    }

    /// Seconds, behind the latest completion, whose latencies are still held as values.
    public static let openSeconds = 10

    public let origin: ContinuousClock.Instant
    public let warmupSpan: Duration
    private var accumulators: [Accumulator] = []
    private var latestSecond = 0

    public init(origin: ContinuousClock.Instant, warmupSpan: Duration = .zero) {
        self.origin = origin
        self.warmupSpan = warmupSpan
    }

    public mutating func add(_ record: RequestRecord) {
        accumulators[index(record.scheduledAt)].bucket.offered += 1
        if let sent = record.sentAt { accumulators[index(sent)].bucket.sent += 1 }
        let end = index(record.finishedAt)
        guard record.outcome == .ok else {
            accumulators[end].bucket.failed += 1
            return
        }
        accumulators[end].bucket.completed += 1
        if let e2e = record.endToEndLatency?.milliseconds {
            accumulators[end].e2eSum += e2e
            accumulators[end].e2eCount += 1
            if !accumulators[end].isReduced { accumulators[end].e2eValues.append(e2e) }
        }
        if let ttft = record.timeToFirstToken?.milliseconds {
            accumulators[end].ttftSum += ttft
            accumulators[end].ttftCount += 1
            if !accumulators[end].isReduced { accumulators[end].ttftValues.append(ttft) }
        }
        addTokens(of: record)
        if end > latestSecond {
            latestSecond = end
            for second in accumulators.indices where second < end - Self.openSeconds {
                accumulators[second].reduce()
            }
        }
    }

    /// Every second from the start to the last event, with means, P95s and in-flight counts.
    public func buckets() -> [Bucket] {
        var sent = 0
        var ended = 0
        return accumulators.map { accumulator in
            var accumulator = accumulator
            accumulator.reduce()
            var bucket = accumulator.bucket
            bucket.ttftMeanMs = accumulator.ttftCount > 0 ? accumulator.ttftSum / Double(accumulator.ttftCount) : nil
            bucket.e2eMeanMs = accumulator.e2eCount > 0 ? accumulator.e2eSum / Double(accumulator.e2eCount) : nil
            sent += bucket.sent
            ended += bucket.completed + bucket.failed
            bucket.inFlight = max(0, sent - ended)
            return bucket
        }
    }

    /// Output tokens go to the seconds in which their chunks arrived, each chunk weighted so
    /// the request's total is the server's count.
    private mutating func addTokens(of record: RequestRecord) {
        guard let tokens = record.outputTokens?.value, tokens > 0 else { return }
        guard let first = record.firstTokenAt, record.textChunks > 0 else {
            // A non-streamed answer arrives whole, at the end.
            accumulators[index(record.finishedAt)].bucket.outputTokensPerS += Double(tokens)
            return
        }
        let weight = Double(tokens) / Double(record.textChunks)
        // Whole nanoseconds from the origin, not instants: every instant is a whole number of
        // nanoseconds, and `Instant` arithmetic costs a call through its metadata for each of a
        // request's tokens. A gap of 0 (tokens read together) stays in its second.
        var offset = Int((first - origin).nanoseconds)
        var second = index(nanosecondsFromOrigin: offset)
        accumulators[second].bucket.outputTokensPerS += weight
        for gap in record.interTokenGapsNanoseconds {
            if gap != 0 {
                offset = offset.saturatingAdding(Int(gap))
                second = index(nanosecondsFromOrigin: offset)
            }
            accumulators[second].bucket.outputTokensPerS += weight
        }
        // Chunks past the stored gaps (``ResponseLimits/storedTokenGaps``) kept only their count
        // and total span: they are spread evenly over that span, so every token is still counted
        // and each lands within the stretch in which it arrived.
        if let overflow = record.tokenGapOverflow, overflow.count > 0 {
            let instant = origin + .nanoseconds(Int64(offset))
            let span = Duration.nanoseconds(overflow.sumNanoseconds)
            for chunk in 1...overflow.count {
                accumulators[index(instant + span * (Double(chunk) / Double(overflow.count)))].bucket
                    .outputTokensPerS += weight
            }
        }
    }

    /// The index of the second holding `instant`, creating the seconds up to it.
    private mutating func index(_ instant: ContinuousClock.Instant) -> Int {
        index(second: max(0, Int((instant - origin).seconds.rounded(.down))))
    }

    /// The index of the second holding the instant `offset` nanoseconds after the origin.
    private mutating func index(nanosecondsFromOrigin offset: Int) -> Int {
        index(second: offset < 0 ? 0 : Int(offset / 1_000_000_000))
    }

    private mutating func index(second: Int) -> Int {
        while accumulators.count <= second {
            let start = Duration.seconds(accumulators.count)
            accumulators.append(Accumulator(bucket: Bucket(second: accumulators.count, isWarmup: start < warmupSpan)))
        }
        return second
    }

    /// Nearest-rank P95 of `values`; `nil` when empty.
    static func p95(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let rank = Int((0.95 * Double(sorted.count)).rounded(.up))
        return sorted[max(0, rank - 1)]
    }
}
