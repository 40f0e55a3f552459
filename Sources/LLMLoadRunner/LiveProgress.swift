import LLMLoadCore
import LLMLoadMetrics
import LLMLoadScheduler
import Synchronization

/// Counts for the live console, updated once per finished request under a lock held for a few
/// instructions (STYLE C7), read a few times a second by one reporting task.
public final class LiveProgress: Sendable {
    /// What the live console shows.
    public struct Snapshot: Sendable {
        public var elapsed: Duration
        public var dispatched: Int
        public var inFlight: Int
        public var finished: Int
        public var failed: Int
        public var outputTokens: Int
        /// Finished requests per second over the last few seconds.
        public var recentRequestsPerSecond: Double
        /// Output tokens (of successful requests) per second over the last few seconds.
        public var recentOutputTokensPerSecond: Double
        /// The median time to first token of the requests finished so far (warm-up included),
        /// from the same HDR histogram as the summary's; `nil` before the first one.
        public var ttftP50: Duration?

        public init(
            elapsed: Duration, dispatched: Int, inFlight: Int, finished: Int, failed: Int, outputTokens: Int,
            recentRequestsPerSecond: Double = 0, recentOutputTokensPerSecond: Double = 0, ttftP50: Duration? = nil
        ) {
            self.elapsed = elapsed
            self.dispatched = dispatched
            self.inFlight = inFlight
            self.finished = finished
            self.failed = failed
            self.outputTokens = outputTokens
            self.recentRequestsPerSecond = recentRequestsPerSecond
            self.recentOutputTokensPerSecond = recentOutputTokensPerSecond
            self.ttftP50 = ttftP50
        }
    }

    private struct Counts {
        var finished = 0
        var failed = 0
        var outputTokens = 0
        var ttft = Distribution.milliseconds()
    }

    private let counts = Mutex(Counts())
    private let done = Latch()
    private let start = ContinuousClock.now

    init() {}

    func add(_ record: RequestRecord) {
        let isOK = record.outcome == .ok
        let tokens = isOK ? record.outputTokens?.value ?? 0 : 0
        let ttft = isOK ? record.timeToFirstToken : nil
        counts.withLock {
            $0.finished += 1
            if !isOK { $0.failed += 1 }
            $0.outputTokens = $0.outputTokens.saturatingAdding(max(0, tokens))
            if let ttft { $0.ttft.record(ttft) }
        }
    }

    func finish() { done.set() }

    /// Calls `sink` every `interval` until ``finish()``.
    func report(every interval: Duration, until gauge: InFlightGauge, to sink: (@Sendable (Snapshot) -> Void)?) async {
        guard let sink else { return }
        let clock = ContinuousClock()
        var next = clock.now + interval
        var rates = RecentRates()
        while !done.isSet {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { [next] in try? await clock.sleep(until: next, tolerance: nil) }
                group.addTask { await self.done.wait() }
                await group.next()
                group.cancelAll()
            }
            next += interval
            if done.isSet { return }
            // The median is found under the lock (a walk over the histogram's buckets a few times
            // a second), so the histogram is never copied.
            let (finished, failed, outputTokens, ttftMilliseconds) = counts.withLock {
                ($0.finished, $0.failed, $0.outputTokens, $0.ttft.percentile(50))
            }
            let elapsed = clock.now - start
            let recent = rates.add(elapsed: elapsed, finished: finished, outputTokens: outputTokens)
            sink(
                Snapshot(
                    elapsed: elapsed, dispatched: gauge.dispatched, inFlight: gauge.inFlight,
                    finished: finished, failed: failed, outputTokens: outputTokens,
                    recentRequestsPerSecond: recent.requestsPerSecond,
                    recentOutputTokensPerSecond: recent.outputTokensPerSecond,
                    ttftP50: ttftMilliseconds.map { .microseconds(Int64(($0 * 1000).rounded())) }
                )
            )
        }
    }
}
