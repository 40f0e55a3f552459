import Foundation
import LLMLoadCore
import LLMLoadScheduler

extension LoadRun {
    /// How long before `--start-at` the checks must be done, at the least: the run folder and
    /// the first outputs are made in between.
    static let startMargin = Duration.milliseconds(200)

    /// `--start-at` mapped once onto the monotonic clock the schedule runs on, or `nil` for a
    /// run that starts when its checks are done.
    /// - Throws: ``RunError/startPassed(_:)`` when the instant is past (or too near to make the
    ///   run folder in time): the shards would not start together.
    static func startInstant(of coordination: RunConfiguration.Coordination?) throws(RunError)
        -> ContinuousClock.Instant?
    {
        guard let coordination else { return nil }
        let now = ContinuousClock.now
        let wait = Duration.seconds(coordination.startsAt.timeIntervalSinceNow)
        guard wait >= startMargin else {
            throw .startPassed(
                "--start-at \(RunDescription.Load.ShardPart(coordination).startAt) was "
                    + (wait < .zero ? String(format: "%.1f s ago", -wait.seconds) : "too near")
                    + " when the checks before the load were done: choose a later time, leaving a few seconds for "
                    + "discovery and pre-flight (no load was sent)")
        }
        return now + wait
    }

    /// Sleeps until `start`, if given, and returns the instant the schedule starts from and, for
    /// a coordinated start, how late this process woke after it. A stop during the wait ends it
    /// early; the dispatcher then sends nothing.
    static func waitForStart(_ start: ContinuousClock.Instant?, stop: StopSignal) async -> (
        ContinuousClock.Instant, late: Duration?
    ) {
        guard let start else { return (.now, nil) }
        // The sleep races the stop, as `beforeLoad` and the drain do.
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await ContinuousClock().sleep(until: start, tolerance: .zero) }
            group.addTask { await stop.stopSending.wait() }
            await group.next()
            group.cancelAll()
        }
        return (start, max(.zero, ContinuousClock.now - start))
    }
}
