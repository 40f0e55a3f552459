import LLMLoadCore
import LLMLoadMetrics
import LLMLoadTestSupport
import Testing

@testable import LLMLoadReport

@Suite struct SweepConsoleTests {
    @Test func aPointLineSaysTheLoadTheFiguresAndTheVerdict() {
        let summary = SweepFixture.summary()
        #expect(
            SweepConsole.pointLine(summary.points[1], mode: .rates)
                == "[1] 2.00 req/s: achieved 1.98 req/s, errors 0.0 %, TTFT P50/P99 200.0/400.0 ms, "
                + "E2E P50/P99 1200.0/1900.0 ms, 237.6 tok/s  PASS")
        let failed = SweepConsole.pointLine(summary.points[3], mode: .rates)
        #expect(failed.hasPrefix("[3] 8.00 req/s: achieved 4.20 req/s, errors 12.5 %"))
        #expect(failed.hasSuffix("  FAIL: error rate 12.5 % over 10.0 %"))
        let closed = SweepFixture.summary(mode: .concurrencies)
        #expect(SweepConsole.pointLine(closed.points[2], mode: .concurrencies).hasPrefix("[2] 4 users: achieved"))
    }

    @Test func aSaturatedClientIsNamedBesideTheVerdict() {
        var point = SweepFixture.summary().points[0]
        #expect(!SweepConsole.pointLine(point, mode: .rates).contains("llmload itself"))
        point.clientSaturated = true
        #expect(
            SweepConsole.pointLine(point, mode: .rates).hasSuffix(
                "(llmload itself was saturated: its latencies are partly its own)"))
    }

    @Test func aMissingFigureIsADashNotAZero() {
        let point = SweepSummary.Point(
            index: 0, folder: "p", offeredRatePerS: 5, concurrency: nil, requests: 0, succeeded: 0, latency: [:],
            passed: false)
        let line = SweepConsole.pointLine(point, mode: .rates)
        #expect(line.contains("achieved – req/s, errors –, TTFT P50/P99 –/– ms"))
        #expect(line.hasSuffix("FAIL: goals not met"))
    }

    @Test func theTableHasARowPerPointAlignedAndTheVerdict() {
        let table = SweepConsole.table(SweepFixture.summary()).split(separator: "\n").map(String.init)
        #expect(table.count == 1 + 1 + 5 + 1)
        #expect(table[0].hasPrefix("Sweep (rates): 5 points, 3 passed; goals: TTFT ≤ 500 ms, E2E ≤ 2000 ms"))
        #expect(table[0].hasSuffix("goodput ≥ 95.0 %, errors ≤ 10.0 %, kept up ≥ 95.0 %"))
        #expect(table[1].hasPrefix("#  rate/s  achieved/s"))
        // Right-aligned figures: every row's `result` starts in the same column.
        let column = table[1].count - "result".count
        for row in table[2...6] {
            #expect(row.dropFirst(column).hasPrefix("PASS") || row.dropFirst(column).hasPrefix("FAIL"), "\(row)")
        }
        #expect(table[5].hasSuffix("FAIL: error rate 12.5 % over 10.0 %"))
        #expect(table[7] == "Highest load that met the goals: 4.00 req/s; 8.00 req/s failed")
    }

    @Test func theVerdictLineGivesTheRateFoundWithItsEvidence() {
        let found = SweepConsole.table(SweepFixture.summary(mode: .findMaxRate))
        #expect(
            found.hasSuffix(
                "Max rate 4.00 req/s, lowest failing 8.00 req/s, precision 100.0 %: "
                    + "4.00 req/s passed and 8.00 req/s failed (error rate 12.5 % over 10.0 %)"))
        var none = SweepFixture.summary()
        none.interrupted = true
        for index in none.points.indices { none.points[index].passed = false }
        let text = SweepConsole.table(none)
        #expect(text.hasSuffix("No point met the goals."))
        #expect(text.contains("Sweep interrupted by the user"))
    }
}
