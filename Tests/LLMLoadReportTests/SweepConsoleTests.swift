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
        point.clientCpuCores = 0.9  // busy with its own work: saturated, not delayed
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

    /// `--lang zh`: the point lines, the table and the verdict in Chinese, figures unchanged, the
    /// table still aligned (a Chinese character takes two columns).
    @Test func inChineseEveryLineAndVerdictIsChineseWithTheSameFigures() {
        let summary = SweepFixture.summary()
        #expect(
            SweepConsole.pointLine(summary.points[1], mode: .rates, language: .zh)
                == "[1] 2.00 请求/秒：实际完成 1.98 请求/秒，错误 0.0 %，TTFT P50/P99 200.0/400.0 ms，"
                + "E2E P50/P99 1200.0/1900.0 ms，237.6 token/秒  通过")
        #expect(
            SweepConsole.pointLine(summary.points[3], mode: .rates, language: .zh).hasSuffix(
                "  未通过：错误率 12.5 %，超过 10.0 %"))
        let table = SweepConsole.table(summary, language: .zh).split(separator: "\n").map(String.init)
        #expect(table[0].hasPrefix("扫描（rates）：5 个测试点，3 个通过；目标："))
        #expect(table[0].hasSuffix("有效吞吐 ≥ 95.0 %，错误 ≤ 10.0 %，跟上 ≥ 95.0 %"))
        let column = TerminalText.width(table[1]) - TerminalText.width("结果")
        for row in table[2...6] {
            let verdict = row.hasSuffix("通过") ? "通过" : String(row.suffix(from: row.range(of: "未通过")!.lowerBound))
            #expect(TerminalText.width(row) - TerminalText.width(verdict) == column, "\(row)")
        }
        #expect(table[7] == "满足目标的最高负载：4.00 请求/秒；8.00 请求/秒 未通过")
        let found = SweepConsole.table(SweepFixture.summary(mode: .findMaxRate), language: .zh)
        #expect(
            found.hasSuffix(
                "最大速率 4.00 请求/秒，未通过的最低速率 8.00 请求/秒，精度 100.0 %："
                    + "4.00 请求/秒通过，8.00 请求/秒未通过（错误率 12.5 %，超过 10.0 %）"))
    }

    /// A `sweep.json` from before the Chinese verdicts existed reads them in English.
    @Test func aVerdictWithoutChineseFallsBackToEnglish() {
        var point = SweepFixture.summary().points[3]
        point.chineseFailedBecause = nil
        #expect(point.failedBecause(.zh) == "error rate 12.5 % over 10.0 %")
        #expect(SweepConsole.verdict(point, language: .zh) == "未通过：error rate 12.5 % over 10.0 %")
    }
}
