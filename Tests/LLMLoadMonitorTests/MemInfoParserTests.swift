import LLMLoadMonitor
import Testing

@Suite struct MemInfoParserTests {
    @Test func readsACapturedFileOfThisMachine() throws {
        let memory = try #require(MemInfoParser.parse(try fixture("meminfo-captured.txt")))
        #expect(memory.totalBytes == 24_684_096 * 1024)
        #expect(memory.usedBytes == (24_684_096 - 23_944_908) * 1024)
        #expect(memory.swapUsedBytes == 0)
        let percent = try #require(memory.usedPercent)
        #expect(abs(percent - Double(24_684_096 - 23_944_908) / 24_684_096 * 100) < 1e-9)
    }

    @Test func estimatesAvailableMemoryOnKernelsWithoutMemAvailable() throws {
        let memory = try #require(MemInfoParser.parse(try fixture("meminfo-old-kernel.txt")))
        #expect(memory.availableBytes == 500_000 * 1024, "MemFree + Buffers + Cached")
        #expect(memory.usedPercent == 50)
        #expect(memory.swapUsedBytes == 100_000 * 1024)
    }

    @Test func refusesAFileWithoutMemTotal() throws {
        #expect(MemInfoParser.parse(try fixture("meminfo-no-total.txt")) == nil)
    }

    @Test func swapIsAbsentWhenNotListed() throws {
        let memory = try #require(MemInfoParser.parse("MemTotal: 100 kB\nMemAvailable: 25 kB\n"))
        #expect(memory.usedPercent == 75)
        #expect(memory.swapUsedBytes == nil)
    }
}
