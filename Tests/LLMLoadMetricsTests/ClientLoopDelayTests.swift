import LLMLoadCore
import LLMLoadMetrics
import Testing

/// Milliseconds compared to a nanosecond: durations convert to `Double` with rounding noise.
private func near(_ value: Double?, _ expected: Double) -> Bool {
    value.map { abs($0 - expected) < 1e-6 } ?? false
}

@Suite struct ClientLoopDelayTests {
    /// `seconds` seconds of probes every 10 ms, each `delay(offset)` late.
    func probed(seconds: Int, measuredFrom: Duration = .zero, delay: (Duration) -> Duration) -> ClientLoopDelay {
        var probe = ClientLoopDelay(measuredFrom: measuredFrom)
        for tick in 0..<(seconds * 100) {
            let offset = ClientLoopDelay.probeInterval * tick
            probe.record(delay: delay(offset), at: offset)
        }
        return probe
    }

    /// Offered requests per second, as the time series counts them.
    func buckets(offered: [Int], warmupSeconds: Int = 0) -> [TimeSeries.Bucket] {
        offered.enumerated().map { second, count in
            var bucket = TimeSeries.Bucket(second: second, isWarmup: second < warmupSeconds)
            bucket.offered = count
            return bucket
        }
    }

    @Test(arguments: [
        (100, 0, false), (100, 1, false), (100, 2, true), (200, 2, false), (200, 3, true), (1, 1, true), (0, 0, false),
        (1000, 10, false), (1000, 11, true),
    ])
    func theP99IsAboveTheBoundWhenMoreThanOnePercentIs(samples: Int, overBound: Int, exceeds: Bool) {
        #expect(ClientLoopDelay.exceedsBound(samples: samples, overBound: overBound) == exceeds)
    }

    @Test func aPunctualClientIsNeverSaturated() {
        let probe = probed(seconds: 5) { _ in .microseconds(80) }
        #expect(!probe.isSaturated)
        #expect(probe.measured.count == 500)
        #expect(probe.perSecond.allSatisfy { !$0.isSaturated })
        #expect(probe.perSecond.count == 5)
        #expect(probe.perSecond.allSatisfy { near($0.p99Ms, 0.08) })
        let client = RunSummary.Client(delay: probe, eventLoops: 2, timeseries: buckets(offered: [5, 5, 5, 5, 5]))
        #expect(!client.saturated)
        #expect(client.saturatedSeconds.isEmpty)
        #expect(client.saturatedFromRatePerS == nil)
        #expect(near(client.eventLoopDelayMs?.max, 0.08))
    }

    @Test func oneLateProbeInASecondIsNoise() {
        // One probe a second 5 ms late: 1 % of the samples, so the P99 stays below the bound.
        let probe = probed(seconds: 3) { offset in
            offset.nanoseconds % 1_000_000_000 == 500_000_000 ? .milliseconds(5) : .microseconds(100)
        }
        #expect(!probe.isSaturated)
        #expect(probe.perSecond.map(\.isSaturated) == [false, false, false])
        #expect(near(probe.perSecond[1].maximumMs, 5))
    }

    @Test func aHiccupOfTheMachineDoesNotMarkItsSecond() {
        // Both loops descheduled once for 25 ms in second 1 (a virtual CPU preempted by its
        // host): 3 of each loop's 100 samples late (25, 15 and 5 ms). Its P99 is above the bound;
        // 3 % of the second's time is not saturation.
        var probe = ClientLoopDelay()
        for tick in 0..<300 {
            let offset = ClientLoopDelay.probeInterval * tick
            for _ in 0..<2 {
                let late = tick >= 150 && tick < 153
                probe.record(delay: late ? .milliseconds(25 - 10 * (tick - 150)) : .microseconds(300), at: offset)
            }
        }
        #expect(probe.perSecond.map(\.isSaturated) == [false, false, false])
        #expect(probe.perSecond[1].p99Ms.map { $0 > 1 } == true, "the P99 alone would have marked it")
        #expect(!probe.isSaturated)
    }

    @Test(arguments: [(200, 10, false), (200, 11, true), (100, 5, false), (100, 6, true), (0, 0, false)])
    func aSecondIsSaturatedPastFivePercentLate(samples: Int, overBound: Int, exceeds: Bool) {
        #expect(ClientLoopDelay.secondExceedsBound(samples: samples, overBound: overBound) == exceeds)
    }

    @Test func aClientFallingBehindFromARateIsSaturatedFromThatRate() {
        // A ramp: 10, 20, 40, 80, 160 req/s; the loops fall behind from the fourth second on.
        let probe = probed(seconds: 5) { offset in offset >= .seconds(3) ? .milliseconds(4) : .microseconds(50) }
        #expect(probe.isSaturated)
        let series = buckets(offered: [10, 20, 40, 80, 160])
        let client = RunSummary.Client(delay: probe, eventLoops: 1, timeseries: series)
        #expect(client.saturated)
        #expect(client.saturatedSeconds == [3, 4])
        #expect(client.saturatedFromRatePerS == 80)
        #expect(near(client.saturationBoundMs, 1))
        #expect(near(client.probeIntervalMs, 10))
    }

    @Test func aStallCountsForEveryProbeItMissed() {
        // How the probe records a loop blocked for 300 ms: each missed instant with its own delay.
        var probe = ClientLoopDelay()
        for tick in 1...100 { probe.record(delay: .microseconds(50), at: .milliseconds(10 * tick)) }
        for missed in 0..<30 {
            probe.record(delay: .milliseconds(300 - 10 * missed), at: .milliseconds(1000 + 10 * missed))
        }
        #expect(probe.isSaturated)
        #expect(probe.perSecond[1].isSaturated)
        #expect(near(probe.perSecond[1].maximumMs, 300))
        #expect(near(probe.measured.summary?.max, 300))
    }

    @Test func aSaturatedWarmupLeavesTheMeasuredRunClean() {
        let probe = probed(seconds: 4, measuredFrom: .seconds(2)) { offset in
            offset < .seconds(1) ? .milliseconds(20) : .microseconds(50)
        }
        #expect(!probe.isSaturated, "the warm-up is outside the measured window")
        let client = RunSummary.Client(
            delay: probe, eventLoops: 2, timeseries: buckets(offered: [50, 50, 50, 50], warmupSeconds: 2))
        #expect(client.saturatedSeconds == [0])
        #expect(client.saturatedFromRatePerS == nil, "no measured second was saturated")
    }

    @Test func aSaturatedDrainTakesTheLastOfferedRate() {
        let probe = probed(seconds: 3) { offset in offset >= .seconds(2) ? .milliseconds(3) : .microseconds(50) }
        let client = RunSummary.Client(delay: probe, eventLoops: 1, timeseries: buckets(offered: [30, 30, 0]))
        #expect(client.saturatedSeconds == [2])
        #expect(client.saturatedFromRatePerS == 30)
    }

    @Test func theTimeSeriesGetsEachSecondsDelayAndFlag() {
        let probe = probed(seconds: 2) { offset in offset >= .seconds(1) ? .milliseconds(2) : .microseconds(200) }
        var series = buckets(offered: [5, 5])
        probe.annotate(&series)
        #expect(series.map(\.isClientSaturated) == [false, true])
        #expect(near(series[0].clientLoopDelayP99Ms, 0.2) && near(series[1].clientLoopDelayP99Ms, 2))
        #expect(near(series[0].clientLoopDelayMaxMs, 0.2) && near(series[1].clientLoopDelayMaxMs, 2))
    }

    @Test func aLateSampleOfAnOldSecondStillCounts() {
        var probe = ClientLoopDelay()
        for second in 0...20 {
            for tick in 0..<100 {
                probe.record(delay: .microseconds(10), at: .seconds(second) + .milliseconds(10 * tick))
            }
        }
        // Second 2 is long reduced; a loop blocked since then reports its missed instants now.
        for missed in 0..<10 { probe.record(delay: .seconds(18), at: .seconds(2) + .milliseconds(missed)) }
        #expect(probe.perSecond[2].isSaturated)
        #expect(near(probe.perSecond[2].maximumMs, 18_000))
        #expect(near(probe.perSecond[2].p99Ms, 0.01), "its P99 holds only the values seen while it was open")
    }
}
