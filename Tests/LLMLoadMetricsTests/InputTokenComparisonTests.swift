import LLMLoadCore
import LLMLoadMetrics
import Testing

@Suite struct InputTokenComparisonTests {
    func record(_ index: Int, target: Int?, counted: Int?, source: TokenCountSource = .server) -> RequestRecord {
        let now = ContinuousClock.now
        return RequestRecord(
            index: index, scheduledAt: now, finishedAt: now, outcome: counted == nil ? .httpError : .ok,
            promptTokens: counted.map { TokenCount($0, source: source) }, targetPromptTokens: target)
    }

    @Test func eachCountIsWithinShortOrLongOfItsTarget() {
        var comparison = InputTokenComparison()
        comparison.add(record(0, target: 2048, counted: 2050))
        comparison.add(record(1, target: 2048, counted: 2008))  // −40: the edge of 2 %
        comparison.add(record(2, target: 2048, counted: 2007))  // −41: short
        comparison.add(record(3, target: 100, counted: 111))  // +11 over a 10-token floor: long
        comparison.add(record(4, target: 100, counted: nil))  // failed: no count
        comparison.add(record(5, target: 100, counted: 40, source: .estimated))  // not the server's
        comparison.add(record(6, target: nil, counted: 5))  // not a synthetic prompt
        #expect(comparison.requests == 6)
        #expect(comparison.serverCounted == 4)
        #expect(comparison.withinTolerance == 2)
        #expect(comparison.shorter == 1 && comparison.shortRequestIndexes == [2])
        #expect(comparison.longer == 1)
        #expect(comparison.minimumDeviation == -41 && comparison.maximumDeviation == 11)
        #expect(comparison.deviationSum == 2 - 40 - 41 + 11)
        #expect(abs(comparison.maximumRelativeDeviation - 0.11) < 1e-12)
    }

    @Test func theSummarySaysHowManyWereCutAndWhich() {
        var comparison = InputTokenComparison()
        for index in 0..<30 { comparison.add(record(index, target: 4096, counted: 2048)) }
        let summary = RunSummary.InputTokens(comparison: comparison)
        #expect(summary.shorterThanTarget == 30)
        #expect(summary.shortRequestIndexes == Array(0..<InputTokenComparison.listedShortRequests))
        #expect(summary.meanDeviationTokens == -2048)
        #expect(summary.maxDeviationPercent == 50)
    }
}
