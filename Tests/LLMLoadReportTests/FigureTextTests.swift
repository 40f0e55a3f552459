import LLMLoadCore
import LLMLoadMetrics
import Testing

@testable import LLMLoadReport

/// The one way the console, the report and the warnings write a figure.
@Suite struct FigureTextTests {
    @Test func aFigureHasFixedDecimalsAndAnAbsentOneIsADash() {
        #expect(FigureText.number(2.0 / 3, 2) == "0.67")
        #expect(FigureText.number(1234.5, 0) == "1234")
        #expect(FigureText.number(-0.0001, 1) == "-0.0")
        #expect(FigureText.number(nil, 2) == "–")
        #expect(FigureText.number(.nan, 2) == "–")
        #expect(FigureText.number(.infinity, 2) == "–")
    }

    @Test func aShareIsAPercentageWithOneDecimal() {
        #expect(FigureText.percent(0.125) == "12.5 %")
        #expect(FigureText.percent(1) == "100.0 %")
        #expect(FigureText.percent(nil) == "–")
        #expect(ConsoleSummary.percent(0.5) == "50.0 %")
    }

    @Test func goodputBoundsListOnlyTheBoundsThatWereSet() {
        let objectives = RunDescription.Objectives(ttftMs: 500, e2eMs: 10_000)
        #expect(FigureText.bounds(objectives) == "TTFT ≤ 500 ms, E2E ≤ 10000 ms")
        #expect(FigureText.bounds(nil) == "")
    }
}
