import LLMLoadMonitor
import Testing

@Suite struct ProcessStatParserTests {
    @Test func countsFieldsAfterTheLastParenthesisOfAnOddName() throws {
        #expect(ProcessStatParser.cpuTicks(stat: try fixture("pid-stat-odd-name.txt")) == 1234 + 567)
    }

    @Test func readsACapturedStatAndStatus() throws {
        #expect(ProcessStatParser.cpuTicks(stat: try fixture("pid-stat-captured.txt")) == 0)
        #expect(ProcessStatParser.residentBytes(status: try fixture("pid-status-captured.txt")) == 1668 * 1024)
    }

    @Test func missingFieldsReadAsAbsent() {
        #expect(ProcessStatParser.cpuTicks(stat: "12 (short) S 1 2 3") == nil)
        #expect(ProcessStatParser.cpuTicks(stat: "no parenthesis") == nil)
        #expect(ProcessStatParser.residentBytes(status: "Name:\tkthreadd\nState:\tS\n") == nil)
    }

    @Test func readsTheOneMinuteLoadAverage() throws {
        #expect(LoadAverageParser.oneMinute("0.52 0.58 0.59 1/467 12345\n") == 0.52)
        #expect(LoadAverageParser.oneMinute(try fixture("loadavg-captured.txt")) != nil)
        #expect(LoadAverageParser.oneMinute("") == nil)
    }
}
