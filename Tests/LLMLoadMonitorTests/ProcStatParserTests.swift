import LLMLoadMonitor
import Testing

@Suite struct ProcStatParserTests {
    @Test func readsACapturedFileOfThisMachine() throws {
        let stat = try #require(ProcStatParser.parse(try fixture("proc-stat-captured.txt")))
        // cpu  47188 0 7907 33432 1278 0 54 416 0 0: idle + iowait = 34710 of 90275, steal 416.
        #expect(stat.total == CPUTimes(busy: 55565, total: 90275, steal: 416))
        #expect(stat.cores.count == 2)
        #expect(stat.cores[1] == CPUTimes(busy: 28959, total: 45150, steal: 186))
    }

    @Test func readsOneHundredTwentyEightCores() throws {
        let stat = try #require(ProcStatParser.parse(try fixture("proc-stat-128cores.txt")))
        #expect(stat.cores.count == 128)
        #expect(stat.cores[127] == CPUTimes(busy: 227 + 50, total: 227 + 50 + 723))
        #expect(stat.total.total == 128 * 1000)
    }

    @Test func acceptsLinesWithOnlyTheFirstFourColumns() throws {
        let stat = try #require(ProcStatParser.parse(try fixture("proc-stat-4columns.txt")))
        #expect(stat.total == CPUTimes(busy: 520, total: 2000))
        #expect(stat.cores.count == 2)
    }

    @Test func refusesAFileWithoutTheAggregateLine() throws {
        #expect(ProcStatParser.parse(try fixture("proc-stat-no-aggregate.txt")) == nil)
        #expect(ProcStatParser.parse("") == nil)
    }

    @Test func skipsACoreLineWithTooFewOrBadNumbers() {
        let stat = ProcStatParser.parse("cpu  1 2 3 4\ncpu0 1 2 3\ncpu1 1 2 x 4\ncpu2 1 2 3 4\n")
        #expect(stat?.cores == [CPUTimes(busy: 6, total: 10)])
    }

    @Test func busyShareIsTheDeltaOfBusyOverTheDeltaOfTotal() {
        let earlier = CPUTimes(busy: 100, total: 1000)
        #expect(CPUTimes(busy: 130, total: 1100).busyPercent(since: earlier) == 30)
        #expect(CPUTimes(busy: 100, total: 1000).busyPercent(since: earlier) == nil, "no tick passed")
        #expect(CPUTimes(busy: 10, total: 500).busyPercent(since: earlier) == nil, "counters reset")
    }

    @Test func stealIsAShareOfAllCPUTime() {
        let earlier = CPUTimes(busy: 100, total: 1000, steal: 10)
        #expect(CPUTimes(busy: 150, total: 1200, steal: 16).stealPercent(since: earlier) == 3)
        #expect(CPUTimes(busy: 100, total: 1000, steal: 10).stealPercent(since: earlier) == nil, "no tick passed")
        #expect(CPUTimes(busy: 150, total: 1200, steal: 2).stealPercent(since: earlier) == nil, "counters reset")
        #expect(CPUTimes(busy: 520, total: 2000).steal == 0, "no steal column")
    }
}
