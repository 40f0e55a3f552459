import LLMLoadMetrics

/// Decides, from the live counts of a sweep's point, that the point is clearly saturated and
/// should end early, so a sweep does not spend a whole point (and a long drain) on a load the
/// server cannot take.
///
/// A point is saturated when, after a short settling time:
/// - more than `maxErrorRate` of the finished requests failed (at least ``minimumFinished``);
///
/// and, in an open loop, once the queue had time to fill to its steady level (twice the time
/// the first request took to finish, plus the settling time: before that, requests in flight
/// grow on any server, by rate × latency):
/// - requests in flight grew in each of the last ``growthWindow`` observations, by at least
///   ``minimumBacklog`` and a tenth of the offered rate a second in all — a queue that only
///   grows;
/// - open loop: requests finished per second fell under half the offered rate.
/// Pure state fed with ``LiveProgress/Snapshot``s, so it is tested without any load.
public struct SaturationWatch: Sendable {
    /// Finished requests needed before the error rate is judged.
    public static let minimumFinished = 20
    /// Observations of in-flight growth that make a growing queue.
    public static let growthWindow = 3
    /// The smallest growth of the queue that counts.
    public static let minimumBacklog = 8

    /// The open-loop rate offered; `nil` for a closed loop, which cannot build a backlog.
    public let offeredRatePerSecond: Double?
    public let maxErrorRate: Double
    /// No verdict before this much of the point has run: the first answers take their latency.
    public let settling: Duration
    private var inFlight: [Int] = []
    /// When the first request finished: about the shortest latency.
    private var firstFinished: Duration?

    public init(offeredRatePerSecond: Double?, maxErrorRate: Double, settling: Duration = .seconds(3)) {
        self.offeredRatePerSecond = offeredRatePerSecond
        self.maxErrorRate = maxErrorRate
        self.settling = settling
    }

    /// Takes one observation; returns why the point is saturated, or `nil`.
    public mutating func observe(_ snapshot: LiveProgress.Snapshot) -> SweepSummary.Text? {
        inFlight.append(snapshot.inFlight)
        if inFlight.count > Self.growthWindow + 1 { inFlight.removeFirst() }
        if firstFinished == nil, snapshot.finished > 0 { firstFinished = snapshot.elapsed }
        guard snapshot.elapsed >= settling else { return nil }
        if snapshot.finished >= Self.minimumFinished {
            let share = Double(snapshot.failed) / Double(snapshot.finished)
            if share > maxErrorRate {
                return .init(
                    "\(snapshot.failed) of \(snapshot.finished) requests failed, over --max-error-rate",
                    zh: "\(snapshot.finished) 个请求中 \(snapshot.failed) 个失败，超过 --max-error-rate")
            }
        }
        guard let offered = offeredRatePerSecond, let first = firstFinished,
            snapshot.elapsed >= first * 2 + settling
        else { return nil }
        if inFlight.count == Self.growthWindow + 1, let before = inFlight.first, let now = inFlight.last,
            zip(inFlight.dropFirst(), inFlight).allSatisfy({ $0 > $1 }),
            Double(now - before) >= max(Double(Self.minimumBacklog), offered / 10 * Double(Self.growthWindow))
        {
            return .init(
                "requests in flight grew from \(before) to \(now) in \(Self.growthWindow) s: a growing queue",
                zh: "进行中的请求在 \(Self.growthWindow) 秒内从 \(before) 个增至 \(now) 个：队列在增长")
        }
        if snapshot.recentRequestsPerSecond < offered / 2 {
            let achieved = (snapshot.recentRequestsPerSecond * 100).rounded(.down) / 100
            return .init(
                "only \(achieved) requests/s finished, under half the \(offered) offered",
                zh: "每秒只完成 \(achieved) 个请求，不到计划的 \(offered) 个的一半")
        }
        return nil
    }
}
