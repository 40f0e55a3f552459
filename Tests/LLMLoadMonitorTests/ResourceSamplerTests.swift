import Foundation
import LLMLoadCore
import LLMLoadMonitor
import Testing

@Suite struct ResourceSamplerTests {
    @Test func ratesAreDeltasBetweenTwoReads() throws {
        let tree = ProcTree()
        defer { tree.remove() }
        try tree.write("stat", "cpu  100 0 100 800 0 0 0 0\ncpu0 50 0 50 400\ncpu1 50 0 50 400\nctxt 1\n")
        try tree.write("meminfo", "MemTotal: 1000 kB\nMemAvailable: 250 kB\nSwapTotal: 100 kB\nSwapFree: 60 kB\n")
        try tree.write("loadavg", "1.25 0.50 0.10 2/100 99\n")
        try tree.writeProcess(pid: 42, comm: "server", arguments: ["server"], ticks: (10, 10), rssKB: 2048)
        var sampler = ResourceSampler(files: tree.files, pid: 42)
        sampler.start(atSeconds: 0)

        try tree.write("stat", "cpu  250 0 150 1000 0 0 0 0\ncpu0 150 0 50 400\ncpu1 75 0 75 450\nctxt 2\n")
        try tree.writeProcess(pid: 42, comm: "server", arguments: ["server"], ticks: (60, 40), rssKB: 4096)
        let sample = sampler.sample(atSeconds: 2)

        #expect(sample.tS == 2 && sample.spanS == 2)
        #expect(sample.cpuPercent == 50, "busy +200 of +400 ticks")
        #expect(sample.cpuPerCorePercent == [100, 50])
        #expect(sample.loadAverage1m == 1.25)
        #expect(sample.memoryUsedBytes == 750 * 1024)
        #expect(sample.memoryTotalBytes == 1000 * 1024)
        #expect(sample.memoryUsedPercent == 75)
        #expect(sample.swapUsedBytes == 40 * 1024)
        let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
        #expect(sample.processCpuPercent == 80 / ticksPerSecond / 2 * 100)
        #expect(sample.processRssBytes == 4096 * 1024)
        #expect(sample.gpus == nil, "no GPU probe: absent, not empty")
    }

    @Test func aProcessThatExitsReadsAsAbsent() throws {
        let tree = ProcTree()
        defer { tree.remove() }
        try tree.writeProcess(pid: 42, comm: "server", arguments: ["server"], ticks: (10, 10), rssKB: 2048)
        var sampler = ResourceSampler(files: tree.files, pid: 42)
        sampler.start(atSeconds: 0)
        try FileManager.default.removeItem(at: tree.root.appendingPathComponent("42"))
        let sample = sampler.sample(atSeconds: 1)
        #expect(sample.processCpuPercent == nil)
        #expect(sample.processRssBytes == nil)
    }

    @Test func withoutProcEveryFigureIsAbsent() {
        var sampler = ResourceSampler(files: ProcFiles(root: "/nonexistent-\(UUID().uuidString)"))
        sampler.start(atSeconds: 0)
        let sample = sampler.sample(atSeconds: 1)
        #expect(sample == ResourceSample(tS: 1, spanS: 1))
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/stat")))
    func readsThisMachinesProc() {
        var sampler = ResourceSampler()
        sampler.start(atSeconds: 0)
        // Burn a little CPU so at least one tick passes between the reads.
        var x = 0.0
        for i in 0..<20_000_000 { x += Double(i).squareRoot() }
        let sample = sampler.sample(atSeconds: 1)
        #expect(x > 0)
        #expect(sample.memoryTotalBytes ?? 0 > 0)
        #expect((0...100).contains(sample.cpuPercent ?? -1))
        #expect(sample.cpuPerCorePercent?.count == ProcessInfo.processInfo.activeProcessorCount)
    }
}
