import LLMLoadCore
import LLMLoadMonitor
import LLMLoadTestSupport
import Testing

/// NVML through the package's scripted stand-in: each test loads its own copy of the library.
@Suite struct GPUProbeTests {
    static let script = """
        gpu 0 name Fake H200
        gpu 0 memory_total_mib 1000
        gpu 0 utilization 10 20 30
        gpu 0 memory_used_mib 100 200
        gpu 0 power_mw 150000 250000
        gpu 0 temperature_c 61
        gpu 0 sm_clock_mhz 1980
        gpu 1 utilization 90 80
        gpu 1 memory_used_mib 512
        """

    private func open(_ script: String = Self.script, _ selection: RunConfiguration.GPUSelection = .all) throws
        -> GPUProbe.Opening
    {
        try GPUProbe.open(path: FakeNVMLLibrary.install(script: script).path, selection: selection)
    }

    @Test func readsEveryDeviceAsScripted() throws {
        guard case .opened(let probe) = try open() else {
            Issue.record("the fake NVML did not open")
            return
        }
        #expect(probe.devices == [.init(index: 0, name: "Fake H200"), .init(index: 1, name: "Fake GPU 1")])
        let readings = (0..<4).map { _ in probe.read() }
        #expect(readings.map { $0[0].utilizationPercent } == [10, 20, 30, 10])
        #expect(readings.map { $0[0].memoryUsedBytes } == [100, 200, 100, 200].map { $0 * 1_048_576 })
        #expect(readings.map { $0[0].memoryUsedPercent } == [10, 20, 10, 20])
        #expect(readings.map { $0[0].powerWatts } == [150, 250, 150, 250])
        #expect(readings.allSatisfy { $0[0].temperatureC == 61 && $0[0].smClockMhz == 1980 })
        #expect(readings.map { $0[1].utilizationPercent } == [90, 80, 90, 80])
        #expect(readings.allSatisfy { $0[1].memoryTotalBytes == 81920 * 1_048_576 && $0[1].index == 1 })
        #expect(readings.allSatisfy { $0[1].powerWatts == nil && $0[1].temperatureC == nil }, "not supported: absent")
    }

    @Test func readsOnlyTheSelectedDevices() throws {
        guard case .opened(let probe) = try open(Self.script, .indices([1])) else {
            Issue.record("the fake NVML did not open")
            return
        }
        #expect(probe.read().map(\.index) == [1])
        #expect(probe.read().map(\.utilizationPercent) == [80])
    }

    @Test func aDeviceNVMLDoesNotListIsAnError() throws {
        #expect(throws: MonitorError.gpuNotFound(index: 2, deviceCount: 2)) { try open(Self.script, .indices([0, 2])) }
    }

    @Test func noLibraryNoDriverOrNoDeviceIsANoteNotAnError() throws {
        let missing = try GPUProbe.open(path: "/nonexistent/libnvidia-ml.so.1", selection: .all)
        guard case .unavailable(let reason) = missing else {
            Issue.record("a missing library opened")
            return
        }
        #expect(reason.hasPrefix("no NVIDIA GPU/driver found; GPU metrics skipped"))
        guard case .unavailable(let driver) = try open("init_error 9\ngpu 0 utilization 1") else {
            Issue.record("a failing nvmlInit_v2 opened")
            return
        }
        #expect(driver.contains("Driver Not Loaded"))
        guard case .unavailable = try open("# no device") else {
            Issue.record("zero devices opened")
            return
        }
    }

    @Test func noneReadsNoGPU() throws {
        guard case .unavailable(let reason) = try open(Self.script, .none) else {
            Issue.record("--gpu none opened NVML")
            return
        }
        #expect(reason.contains("--gpu none"))
    }
}
