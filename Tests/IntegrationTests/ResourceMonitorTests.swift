import Foundation
import LLMLoadCore
import LLMLoadMetrics
import LLMLoadReport
import LLMLoadRunner
import LLMLoadTestSupport
import Testing

extension Timing {
    /// The resource monitor through a whole run against the simulator, with the package's
    /// scripted NVML standing in for two GPUs.
    @Suite
    struct ResourceMonitorTests {
        static let utilization = [[10.0, 20, 30, 40, 50], [90, 70]]
        static let memoryUsedMiB = [[1000, 2000, 3000], [4000]]
        static let script = """
            gpu 0 name Fake H200
            gpu 0 memory_total_mib 8000
            gpu 0 utilization 10 20 30 40 50
            gpu 0 memory_used_mib 1000 2000 3000
            gpu 0 power_mw 200000
            gpu 1 utilization 90 70
            gpu 1 memory_used_mib 4000
            """

        private func run(nvmlPath: String, interval: Duration) async throws -> (LoadRun.Result, RunHarness) {
            let harness = RunHarness()
            let simulator = simulatorConfiguration(ttftMilliseconds: 20, itlMilliseconds: 5, outputTokens: 10)
            let result = try await withSimulator(simulator) { baseURL, _ in
                var configuration = harness.configuration(baseURL: baseURL, rate: 20, duration: .seconds(2))
                configuration.monitor = .init(sampleInterval: interval, nvmlLibraryPath: nvmlPath)
                return try await harness.run(configuration)
            }
            return (result, harness)
        }

        @Test func samplesTheWholeRunAndSummarisesExactlyWhatItSampled() async throws {
            let library = try FakeNVMLLibrary.install(script: Self.script)
            let (result, harness) = try await run(nvmlPath: library.path, interval: .milliseconds(250))
            defer { harness.cleanUp() }
            let resources = try #require(result.summary.resources)
            let samples = resources.samples
            #expect(resources.gpuNote == nil)
            #expect(resources.sampleIntervalMs == 250)

            // One sample per interval from the start to the end of the drain.
            let window = result.summary.run.windowS
            #expect(samples.count >= Int(window / 0.25), "\(samples.count) samples over \(window) s")
            #expect(abs(samples[0].tS - 0.25) < 0.1)
            for (earlier, later) in zip(samples, samples.dropFirst()) {
                #expect(abs(later.tS - earlier.tS - later.spanS) < 1e-9, "spans tile the run")
            }
            #expect(samples.dropLast().allSatisfy { abs($0.spanS - 0.25) < 0.1 })
            #expect(try #require(samples.last).tS > window - 0.1, "the drain's end is covered")
            #expect(samples.allSatisfy { $0.cpuPercent != nil && $0.memoryUsedBytes != nil })

            // Every GPU value is the script's, call by call.
            for (k, sample) in samples.enumerated() {
                let gpus = try #require(sample.gpus)
                #expect(gpus.map(\.index) == [0, 1])
                for gpu in 0..<2 {
                    let utilization = Self.utilization[gpu]
                    let memory = Self.memoryUsedMiB[gpu]
                    #expect(gpus[gpu].utilizationPercent == utilization[k % utilization.count])
                    #expect(gpus[gpu].memoryUsedBytes == memory[k % memory.count] * 1_048_576)
                }
                #expect(gpus[0].powerWatts == 200 && gpus[1].powerWatts == nil)
            }

            // Statistics are those of the series: the whole run, and the measured window.
            func utilization(_ gpu: Int, _ samples: [ResourceSample]) -> [Double] {
                samples.compactMap { $0.gpus?[gpu].utilizationPercent }
            }
            let measured = samples.filter { (0...window).contains($0.midpointS) }
            for (statistics, series) in [(resources.wholeRun, samples), (resources.measured, measured)] {
                let cpu = series.compactMap(\.cpuPercent)
                #expect(statistics.cpuPercent?.mean == cpu.reduce(0, +) / Double(cpu.count))
                #expect(statistics.cpuPercent?.max == cpu.max())
                #expect(statistics.memoryUsedPercent?.max == series.compactMap(\.memoryUsedPercent).max())
                let gpus = try #require(statistics.gpus)
                #expect(gpus.map(\.name) == ["Fake H200", "Fake GPU 1"])
                for gpu in 0..<2 {
                    let values = utilization(gpu, series)
                    #expect(gpus[gpu].utilizationPercent?.mean == values.reduce(0, +) / Double(values.count))
                    #expect(gpus[gpu].utilizationPercent?.max == values.max())
                    #expect(gpus[gpu].utilizationPercent?.count == series.count)
                }
            }
            #expect(resources.wholeRun.gpus?[0].utilizationPercent?.max == 50)
            #expect(resources.wholeRun.gpus?[1].memoryUsedBytes?.max.rounded() == Double(4000 * 1_048_576))

            let onDisk = try SummaryWriter.decode(try harness.summaryOnDisk(of: result))
            #expect(onDisk.resources == resources)
            let rows = try CSVRows.read(result.folder.appendingPathComponent("timeseries.csv"))
            #expect(rows.count >= 2)
            // The last second may hold only the drain's tail, shorter than the minimum interval.
            #expect(
                rows.dropLast().allSatisfy {
                    $0.number("cpu_percent") != nil && $0.number("gpu1_utilization_percent") != nil
                })
            #expect(rows.allSatisfy { $0["gpu0_memory_used_bytes"] != nil && $0["process_cpu_percent"] == nil })
        }

        @Test func withoutNVMLTheRunGoesOnWithANoteAndNoGPUFigures() async throws {
            let (result, harness) = try await run(nvmlPath: "/nonexistent/libnvidia-ml.so.1", interval: .seconds(1))
            defer { harness.cleanUp() }
            #expect(result.summary.requests.byOutcome["ok"] == 40)
            let resources = try #require(result.summary.resources)
            #expect(resources.gpuNote?.hasPrefix("no NVIDIA GPU/driver found; GPU metrics skipped") == true)
            #expect(resources.samples.count >= 2)
            #expect(resources.samples.allSatisfy { $0.gpus == nil && $0.cpuPercent != nil })
            #expect(resources.wholeRun.gpus == nil && resources.measured.gpus == nil)
            let files = try harness.filesWritten(by: result)
            #expect(files["timeseries.csv"]?.contains("cpu_percent") == true)
            #expect(files["timeseries.csv"]?.contains("gpu") == false, "no GPU columns of zeros")
            // The run's description names the host's GPUs (none) and what was asked of the
            // monitor; the measured resources must hold no GPU figures.
            let written = try JSONSerialization.jsonObject(with: Data(try #require(files["summary.json"]).utf8))
            let measured = try JSONSerialization.data(
                withJSONObject: try #require((written as? [String: Any])?["resources"]))
            #expect(!String(decoding: measured, as: UTF8.self).contains("\"gpus\""), "no GPU figures of zeros")
        }

        @Test func anUnknownProcessStopsTheRunBeforeAnyLoad() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            let error = await #expect(throws: RunError.self) {
                try await withSimulator(
                    simulatorConfiguration(ttftMilliseconds: 1, itlMilliseconds: 1, outputTokens: 1)
                ) { baseURL, truth in
                    var configuration = harness.configuration(baseURL: baseURL, rate: 20, duration: .seconds(1))
                    configuration.monitor.process = .name("no-such-process-\(UUID().uuidString.prefix(6))")
                    defer { #expect(truth.all.isEmpty, "nothing was sent") }
                    return try await harness.run(configuration)
                }
            }
            #expect(error?.description.hasPrefix("no running process named no-such-process") == true)
        }
    }
}
