import Foundation
import LLMLoadCore
import LLMLoadMetrics
import LLMLoadReport
import LLMLoadTestSupport
import Testing

/// The monitor's samples in `summary.json`, `timeseries.csv` and the console table.
@Suite struct ResourcesReportTests {
    /// Four samples, two a second, one GPU; a watched process.
    static let resources: RunSummary.Resources = {
        let samples = (1...4).map { step in
            var sample = ResourceSample(tS: Double(step) / 2, spanS: 0.5)
            sample.cpuPercent = Double(step * 10)
            sample.cpuPerCorePercent = [Double(step), Double(step)]
            sample.loadAverage1m = 0.5
            sample.memoryUsedBytes = step * 1_000
            sample.memoryTotalBytes = 10_000
            sample.memoryUsedPercent = Double(step * 10)
            sample.processCpuPercent = 150
            sample.processRssBytes = 2_000
            var gpu = GPUReading(index: 0)
            gpu.utilizationPercent = Double(step * 20)
            gpu.memoryUsedBytes = step * 100
            sample.gpus = [gpu]
            return sample
        }
        return RunSummary.Resources(
            samples: samples, sampleInterval: .milliseconds(500), gpuNote: nil,
            process: .init(pid: 77, name: "llama-server"), gpuNames: [0: "Fake H200"], measuredWindowS: 0...2
        )
    }()

    static var summary: RunSummary {
        var summary = SummaryWriterTests.summary
        summary.resources = resources
        return summary
    }

    @Test func summaryKeysAreSnakeCaseAndRoundTrip() throws {
        let data = try SummaryWriter.encode(Self.summary)
        let text = String(decoding: data, as: UTF8.self)
        for key in [
            "\"resources\"", "\"sample_interval_ms\" : 500", "\"t_s\" : 0.5", "\"span_s\"", "\"is_warmup\"",
            "\"cpu_per_core_percent\"", "\"load_average_1m\" : 0.5", "\"memory_used_bytes\"", "\"process_rss_bytes\"",
            "\"utilization_percent\"", "\"whole_run\"", "\"measured\"", "\"p95\"", "\"pid\" : 77",
        ] {
            #expect(text.contains(key), "missing \(key)")
        }
        #expect(!text.contains("\"gpu_note\""), "GPUs were read: no note")
        #expect(!text.contains("\"power_watts\""), "not measured: absent")
        #expect(try SummaryWriter.decode(data) == Self.summary)
    }

    @Test func timeseriesGetsTheMeanOfEachSecondsSamples() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ts-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(TimeSeriesCSVWriter.write(Self.summary.timeseries, resources: Self.resources, to: url) == nil)
        let rows = try CSVRows.read(url)
        // Midpoints 0.25 and 0.75 fall in second 0; 1.25 and 1.75 in second 1.
        #expect(rows.map { $0["second"] } == ["0", "1"])
        #expect(rows.map { $0["cpu_percent"] } == ["15.000", "35.000"])
        #expect(rows.map { $0["memory_used_bytes"] } == ["1500", "3500"])
        #expect(rows.map { $0["process_cpu_percent"] } == ["150.000", "150.000"])
        #expect(rows.map { $0["gpu0_utilization_percent"] } == ["30.000", "70.000"])
        #expect(rows.map { $0["gpu0_memory_used_bytes"] } == ["150", "350"])
        #expect(rows.map { $0["offered"] } == ["", ""], "no request second: request cells empty")
    }

    @Test func timeseriesHasNoGPUOrProcessColumnsWhenNotMeasured() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ts-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        var sample = ResourceSample(tS: 1, spanS: 1)
        sample.cpuPercent = 5
        let resources = RunSummary.Resources(
            samples: [sample], sampleInterval: .seconds(1), gpuNote: "no GPU", process: nil, gpuNames: [:],
            measuredWindowS: nil)
        #expect(TimeSeriesCSVWriter.write([], resources: resources, to: url) == nil)
        let header = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").first ?? ""
        #expect(header.hasSuffix("client_saturated,cpu_percent,memory_used_percent,memory_used_bytes"))
    }

    @Test func consoleShowsAverageAndMaximumOfEachResource() {
        let text = ConsoleSummary.render(Self.summary, folder: nil)
        let line = { (prefix: String) in
            text.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(prefix) }
                .map { $0.split(separator: " ").suffix(2).joined(separator: " ") }
        }
        #expect(text.contains("Resources (measured window; 4 samples every 0.50 s)"))
        #expect(line("CPU %") == "25.0 40.0")
        #expect(line("Memory %") == "25.0 40.0")
        #expect(line("llama-server (pid 77) CPU %") == "150.0 150.0")
        #expect(line("GPU 0 Fake H200 util %") == "50.0 80.0")
        #expect(!text.contains("GPU:"), "GPUs were read: no note")
    }

    @Test func consoleShowsTheGPUNote() {
        var summary = Self.summary
        summary.resources?.gpuNote = "no NVIDIA GPU/driver found; GPU metrics skipped"
        #expect(
            ConsoleSummary.render(summary, folder: nil).contains("GPU: no NVIDIA GPU/driver found; GPU metrics skipped")
        )
    }
}
