import LLMLoadCore
import LLMLoadTestSupport
import Testing

@testable import LLMLoadMetrics

/// The seconds a sweep point's kept-up share is judged over.
@Suite struct SteadyWindowTests {
    /// A 6 s point sending 48 req/s to a server completing 32/s, stopped early just after
    /// second 5 began: that second sent one request while the queue completed 32.
    func summary(interrupted: Bool) -> RunSummary {
        let origin = ContinuousClock.now
        var s = ShardFixture.summary(
            ShardFixture.records(origin: origin), origin: origin, description: ShardFixture.description(part: nil))
        s.runDescription.load.durationS = 6
        s.run.interrupted = interrupted
        s.timeseries = (0..<8).map { second in
            var bucket = TimeSeries.Bucket(second: second, isWarmup: false)
            bucket.sent = second < 5 ? 48 : second == 5 ? 1 : 0
            bucket.completed = second < 6 ? 32 : 0
            return bucket
        }
        return s
    }

    /// Seen in `SweepTests`: a stop just past a second's start counted that second, and the
    /// saturated point read as keeping up with 88 % of what it was sent instead of 67 %.
    @Test func theSecondAStopCutShortIsLeftOut() throws {
        let stopped = try #require(SweepSummary.Point.steadyWindow(summary(interrupted: true)))
        #expect(stopped.keptUpShare == 32.0 / 48)
        // A run that was not stopped keeps its last second of sending.
        let whole = try #require(SweepSummary.Point.steadyWindow(summary(interrupted: false)))
        #expect(whole.keptUpShare > 32.0 / 48)
    }
}
