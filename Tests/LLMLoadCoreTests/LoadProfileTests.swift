import LLMLoadCore
import Testing

/// A profile carries its own rate: its label and peak come from it, and a ramp's label reads back.
@Suite struct LoadProfileTests {
    @Test func labelsNamePatternAndRate() {
        #expect(LoadProfile.constant(ratePerSecond: 5).label == "constant@5.00")
        #expect(LoadProfile.constant(ratePerSecond: 0.125).label == "constant@0.13")
        #expect(LoadProfile.constant(ratePerSecond: 1234.5).label == "constant@1234.50")
        #expect(LoadProfile.poisson(ratePerSecond: 5, seed: 1).label == "poisson@5.00")
        #expect(LoadProfile.closedLoop(users: 8, thinkTime: .zero).label == "concurrency@8")
        let ramp = RateRamp(startPerSecond: 0.5, endPerSecond: 2, span: .milliseconds(1500))
        #expect(LoadProfile.ramp(ramp).label == "ramp@0.50-2.00/1.5s")
        #expect(
            LoadProfile.ramp(.init(startPerSecond: 10, endPerSecond: 500, span: .seconds(60))).label
                == "ramp@10.00-500.00/60s")
    }

    @Test func thePeakIsTheHighestRateAndTheClosedLoopHasNone() {
        #expect(LoadProfile.constant(ratePerSecond: 7).peakRatePerSecond == 7)
        #expect(LoadProfile.poisson(ratePerSecond: 3, seed: 9).peakRatePerSecond == 3)
        #expect(LoadProfile.ramp(.init(startPerSecond: 50, endPerSecond: 5, span: .seconds(1))).peakRatePerSecond == 50)
        #expect(LoadProfile.closedLoop(users: 4, thinkTime: .seconds(1)).peakRatePerSecond == nil)
    }

    @Test func aRampReadsBackFromItsDescription() throws {
        let ramp = RateRamp(startPerSecond: 10, endPerSecond: 500, span: .seconds(60))
        #expect(RateRamp(description: ramp.description) == ramp)
        #expect(
            RateRamp(description: "1-2.5/500ms")
                == .init(startPerSecond: 1, endPerSecond: 2.5, span: .milliseconds(500)))
        #expect(RateRamp(description: "10-20/2m")?.span == .seconds(120))
        for bad in ["10-500", "10/60s", "0-5/1s", "5-nan/1s", "1-2/0s", "1-2/-1s", "a-b/1s", "1-2-3/1s"] {
            #expect(RateRamp(description: bad) == nil, "\(bad)")
        }
    }

    @Test func aWarmUpByCountSpansTheTimeTheProfileTakesToSendIt() {
        let constant = RunConfiguration.Load(
            profile: .constant(ratePerSecond: 20), duration: .seconds(10), warmup: .requests(30))
        #expect(constant.warmupSpan == .milliseconds(1500))
        let ramp = RunConfiguration.Load(
            profile: .ramp(.init(startPerSecond: 10, endPerSecond: 30, span: .seconds(10))), duration: .seconds(10),
            warmup: .requests(15))
        // Λ(t) = 10 t + t²: 15 arrivals are due at t where t² + 10 t = 15.
        #expect(abs(ramp.warmupSeconds - (-5 + 40.0.squareRoot())) < 1e-9)
        let closed = RunConfiguration.Load(
            profile: .closedLoop(users: 2, thinkTime: .zero), duration: .seconds(10), warmup: .requests(15))
        #expect(closed.warmupSpan == .zero)
    }
}
