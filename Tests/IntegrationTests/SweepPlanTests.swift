import Foundation
import LLMLoadCore
import LLMLoadMetrics
import LLMLoadRunner
import Testing

/// The sweep's choices without any load: the search's steps, the saturation verdicts, the rates
/// of a range.
@Suite struct SweepPlanTests {
    /// Drives a search against a server that passes every rate up to `capacity`.
    private func search(capacity: Double, start: Double, precision: Double, limit: Double = 10_000) -> (
        MaxRateSearch, [Double]
    ) {
        var search = MaxRateSearch(start: start, precision: precision, limit: limit)
        var tried: [Double] = []
        while let rate = search.next, tried.count < 100 {
            tried.append(rate)
            search.record(passed: rate <= capacity)
        }
        return (search, tried)
    }

    @Test(arguments: [(4.0, 1.0, 0.05), (4.0, 2.0, 0.1), (37.5, 1.0, 0.02), (0.3, 1.0, 0.05), (1000, 10, 0.05)])
    func theSearchBracketsTheCapacityToItsPrecision(capacity: Double, start: Double, precision: Double) throws {
        let (search, tried) = search(capacity: capacity, start: start, precision: precision)
        let low = try #require(search.highestPassing)
        let high = try #require(search.lowestFailing)
        #expect(low <= capacity && capacity < high, "the capacity lies in the bracket")
        #expect((high - low) / low <= precision)
        #expect(search.precisionReached == (high - low) / low)
        // Doubling, then halving the bracket: a logarithmic number of points, never a scan.
        #expect(tried.count <= 2 * Int(log2(max(capacity / start, start / capacity)).rounded(.up)) + 12)
    }

    @Test func theSearchStartsByDoublingAndThenBisects() {
        let (_, tried) = search(capacity: 4, start: 1, precision: 0.1)
        #expect(tried == [1, 2, 4, 8, 6, 5, 4.5, 4.25])
    }

    @Test func aServerPassingAtTheLimitEndsTheSearchThereWithNoFailingRate() {
        let (search, tried) = search(capacity: 1e9, start: 10, precision: 0.05, limit: 50)
        #expect(tried == [10, 20, 40, 50])
        #expect(search.highestPassing == 50 && search.lowestFailing == nil)
    }

    @Test func aServerFailingAtATrickleEndsTheSearchWithNoPassingRate() {
        let (search, tried) = search(capacity: 0, start: 1, precision: 0.05)
        #expect(tried.first == 1 && tried.count == 7, "halved down to 1/64 of the start")
        #expect(search.highestPassing == nil && search.lowestFailing == 1.0 / 64)
    }

    @Test func aRangeIsGeometricWithExactEnds() {
        let rates = SweepLoads.geometric(from: 10, to: 500, steps: 8)
        #expect(rates.count == 8 && rates.first == 10 && rates.last == 500)
        let ratios = zip(rates.dropFirst(), rates).map { $0 / $1 }
        #expect(ratios.allSatisfy { abs($0 - ratios[0]) / ratios[0] < 0.001 }, "\(rates)")
        #expect(SweepLoads.geometric(from: 5, to: 5, steps: 1) == [5])
    }

    private func snapshot(_ second: Int, inFlight: Int, finished: Int, failed: Int = 0, recent: Double)
        -> LiveProgress.Snapshot
    {
        .init(
            elapsed: .seconds(second), dispatched: inFlight + finished, inFlight: inFlight, finished: finished,
            failed: failed, outputTokens: 0, recentRequestsPerSecond: recent)
    }

    @Test func aGrowingQueueEndsAnOpenLoopPointAndASteadyOneNever() {
        // 8 req/s offered to a server finishing 4 a second: the queue grows by 4 every second.
        var saturated = SaturationWatch(offeredRatePerSecond: 8, maxErrorRate: 0.1)
        var verdicts: [SweepSummary.Text?] = []
        for second in 1...10 {
            let finished = max(0, (second - 1) * 4)
            verdicts.append(
                saturated.observe(snapshot(second, inFlight: 8 * second - finished, finished: finished, recent: 4)))
        }
        let first = verdicts.firstIndex { $0 != nil }
        #expect(first == 6, "judged once the queue had time to fill: at 7 s (\(verdicts))")
        let queue = verdicts.compactMap { $0 }.first
        #expect(queue?.en.contains("growing queue") == true)
        #expect(queue?.zh == "进行中的请求在 3 秒内从 20 个增至 32 个：队列在增长", "\(String(describing: queue))")
        // The same rate, kept up with: in flight stays at rate × latency.
        var steady = SaturationWatch(offeredRatePerSecond: 8, maxErrorRate: 0.1)
        for second in 1...30 {
            let verdict = steady.observe(
                snapshot(second, inFlight: 8 + second % 3, finished: max(0, (second - 1) * 8), recent: 8))
            #expect(verdict == nil, "second \(second)")
        }
    }

    @Test func longAnswersAreNotMistakenForAQueue() {
        // 20 s answers at 5 req/s: in flight grows for 20 s on a healthy server.
        var watch = SaturationWatch(offeredRatePerSecond: 5, maxErrorRate: 0.1)
        for second in 1...40 {
            let finished = max(0, (second - 20) * 5)
            let verdict = watch.observe(
                snapshot(second, inFlight: min(second, 20) * 5, finished: finished, recent: second > 20 ? 5 : 0))
            #expect(verdict == nil, "second \(second)")
        }
    }

    @Test func errorsOverTheBoundEndAnyPoint() {
        var watch = SaturationWatch(offeredRatePerSecond: nil, maxErrorRate: 0.1)
        #expect(watch.observe(snapshot(1, inFlight: 4, finished: 30, failed: 20, recent: 4)) == nil, "settling")
        #expect(watch.observe(snapshot(4, inFlight: 4, finished: 30, failed: 3, recent: 4)) == nil, "10 % is allowed")
        let verdict = watch.observe(snapshot(5, inFlight: 4, finished: 40, failed: 5, recent: 4))
        #expect(verdict?.en.contains("5 of 40 requests failed") == true)
        #expect(verdict?.zh.hasPrefix("40 个请求中 5 个失败") == true)
    }
}
