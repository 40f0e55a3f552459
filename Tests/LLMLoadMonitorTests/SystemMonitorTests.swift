import LLMLoadCore
import LLMLoadMonitor
import LLMLoadTestSupport
import Testing

@Suite struct SystemMonitorTests {
    @Test func samplesAtEveryIntervalFromTheOriginUntilCancelled() async throws {
        let tree = ProcTree()
        defer { tree.remove() }
        try tree.write("meminfo", "MemTotal: 1000 kB\nMemAvailable: 600 kB\n")
        let library = try FakeNVMLLibrary.install(script: "gpu 0 utilization 5 15 25\ngpu 0 memory_used_mib 7")
        let monitor = try SystemMonitor.prepare(
            .init(sampleInterval: .milliseconds(500), nvmlLibraryPath: library.path), files: tree.files)
        #expect(monitor.gpuNote == nil)
        let clock = ManualClock()
        let origin = clock.now
        let samples = await withTaskGroup(of: [ResourceSample].self) { group in
            group.addTask { await monitor.run(clock: clock, origin: origin) }
            for _ in 0..<4 {
                _ = await ManualClock.settle { clock.sleeperCount == 1 }
                clock.advance(by: .milliseconds(500))
            }
            _ = await ManualClock.settle { clock.sleeperCount == 1 }
            clock.advance(by: .milliseconds(200))  // the drain's tail: covered by a last sample
            group.cancelAll()
            return await group.next() ?? []
        }
        #expect(samples.map(\.tS) == [0.5, 1, 1.5, 2, 2.2])
        #expect(samples.map(\.spanS).map { ($0 * 1000).rounded() } == [500, 500, 500, 500, 200])
        #expect(samples.map { $0.gpus?.first?.utilizationPercent } == [5, 15, 25, 5, 15])
        #expect(samples.allSatisfy { $0.memoryUsedPercent == 40 })
    }

    @Test func noFinalSampleRightAfterAScheduledOne() async throws {
        let monitor = try SystemMonitor.prepare(.init(gpus: .none), files: ProcTree().files)
        let clock = ManualClock()
        let origin = clock.now
        let samples = await withTaskGroup(of: [ResourceSample].self) { group in
            group.addTask { await monitor.run(clock: clock, origin: origin) }
            _ = await ManualClock.settle { clock.sleeperCount == 1 }
            clock.advance(by: .seconds(1))
            _ = await ManualClock.settle { clock.sleeperCount == 1 }
            group.cancelAll()
            return await group.next() ?? []
        }
        #expect(samples.map(\.tS) == [1])
        #expect(monitor.gpuNote == "GPU metrics off (--gpu none)")
    }

    @Test func anUnknownProcessFailsBeforeTheRun() throws {
        let tree = ProcTree()
        defer { tree.remove() }
        try tree.writeProcess(pid: 7, comm: "llama-server", arguments: ["llama-server"], ticks: (1, 1), rssKB: 1)
        #expect(throws: MonitorError.processNotFound(pid: 8)) {
            try SystemMonitor.prepare(.init(process: .pid(8), gpus: .none), files: tree.files)
        }
        #expect(throws: MonitorError.processNameNotFound("ollama")) {
            try SystemMonitor.prepare(.init(process: .name("ollama"), gpus: .none), files: tree.files)
        }
        let monitor = try SystemMonitor.prepare(.init(process: .name("llama-server"), gpus: .none), files: tree.files)
        #expect(monitor.process == .init(pid: 7, name: "llama-server"))
    }
}
