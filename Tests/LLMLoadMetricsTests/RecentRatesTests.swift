import LLMLoadMetrics
import Testing

@Suite struct RecentRatesTests {
    @Test func theRateCoversOnlyTheLastWindow() {
        var rates = RecentRates(window: .seconds(5))
        // 10 requests (500 tokens) a second for 10 s, then nothing for 3 s.
        for second in 1...10 {
            let rate = rates.add(elapsed: .seconds(second), finished: 10 * second, outputTokens: 500 * second)
            #expect(rate.requestsPerSecond == 10, "second \(second)")
            #expect(rate.outputTokensPerSecond == 500)
        }
        let idle = rates.add(elapsed: .seconds(13), finished: 100, outputTokens: 5000)
        // Over 8…13 s: 20 requests in 5 s.
        #expect(idle.requestsPerSecond == 4)
        #expect(idle.outputTokensPerSecond == 200)
    }

    @Test func refreshesFasterThanTheWindowUseTheWholeWindow() {
        var rates = RecentRates(window: .seconds(2))
        var last = (requestsPerSecond: 0.0, outputTokensPerSecond: 0.0)
        for quarter in 1...20 {
            // A burst of 40 requests at 1 s, nothing else.
            last = rates.add(elapsed: .milliseconds(250 * quarter), finished: quarter >= 4 ? 40 : 0, outputTokens: 0)
            if quarter == 8 { #expect(last.requestsPerSecond == 20, "40 in the last 2 s") }
        }
        #expect(last.requestsPerSecond == 0, "the burst left the window")
    }
}
