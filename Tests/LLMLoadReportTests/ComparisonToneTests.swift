import Testing

@testable import LLMLoadMetrics
@testable import LLMLoadReport

/// Which way compare.html colours a change: only where the interval lies wholly beyond ±1 %,
/// and by the figure's worse way (a higher TTFT is worse, a higher decode speed better).
@Suite struct ComparisonToneTests {
    private func tone(worse: ComparedFigure.Worse?, relative lower: Double, _ upper: Double) throws -> String {
        let interval = PercentileBootstrap.Difference(
            absolute: 0, absoluteInterval: .init(lower: 0, upper: 0),
            relativeInterval: .init(lower: lower, upper: upper))
        let figure = ComparedFigure(
            key: "x.p50", title: ("x", "x"), unit: "ms", style: .decimal(1), worse: worse, values: [100, 110],
            intervals: [nil, interval])
        return ComparisonRenderer.tone(figure, try #require(figure.changes[1]))
    }

    @Test func aChangeIsColouredByItsFiguresWorseWayOnlyBeyondTheNotableChange() throws {
        #expect(try tone(worse: .higher, relative: 0.05, 0.2) == "worse")
        #expect(try tone(worse: .lower, relative: 0.05, 0.2) == "better")
        #expect(try tone(worse: .higher, relative: -0.2, -0.05) == "better")
        #expect(try tone(worse: .lower, relative: -0.2, -0.05) == "worse")
        // An interval reaching into ±1 % is not coloured, nor is a figure without a worse way.
        #expect(try tone(worse: .higher, relative: 0.005, 0.2) == "")
        #expect(try tone(worse: .higher, relative: -0.2, 0.2) == "")
        #expect(try tone(worse: nil, relative: 0.05, 0.2) == "")
    }

    @Test func anIntervalTurnedSoPositiveIsWorseKeepsItsLeastAndMostWorseEnds() {
        #expect(ComparedFigure.Worse.higher.worsening(-1, 3) == (least: -1, most: 3))
        #expect(ComparedFigure.Worse.lower.worsening(-1, 3) == (least: -3, most: 1))
    }
}
