import LLMLoadCore
import LLMLoadScheduler
import Synchronization

/// Counts for the live progress line, updated once per finished request under a lock held for
/// a few instructions (STYLE C7), read once a second.
public final class LiveProgress: Sendable {
    /// What the progress line shows.
    public struct Snapshot: Sendable {
        public var elapsed: Duration
        public var dispatched: Int
        public var inFlight: Int
        public var finished: Int
        public var failed: Int
        public var outputTokens: Int
    }

    private struct Counts {
        var finished = 0
        var failed = 0
        var outputTokens = 0
    }

    private let counts = Mutex(Counts())
    private let done = Latch()
    private let start = ContinuousClock.now

    init() {}

    func add(_ record: RequestRecord) {
        let tokens = record.outcome == .ok ? record.outputTokens?.value ?? 0 : 0
        counts.withLock {
            $0.finished += 1
            if record.outcome != .ok { $0.failed += 1 }
            $0.outputTokens += tokens
        }
    }

    func finish() { done.set() }

    /// Calls `sink` every `interval` until ``finish()``.
    func report(every interval: Duration, until gauge: InFlightGauge, to sink: (@Sendable (Snapshot) -> Void)?) async {
        guard let sink else { return }
        let clock = ContinuousClock()
        var next = clock.now + interval
        while !done.isSet {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { [next] in try? await clock.sleep(until: next, tolerance: nil) }
                group.addTask { await self.done.wait() }
                await group.next()
                group.cancelAll()
            }
            next += interval
            if done.isSet { return }
            let counts = counts.withLock { $0 }
            sink(
                Snapshot(
                    elapsed: clock.now - start, dispatched: gauge.dispatched, inFlight: gauge.inFlight,
                    finished: counts.finished, failed: counts.failed, outputTokens: counts.outputTokens
                )
            )
        }
    }
}
