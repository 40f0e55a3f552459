import LLMLoadCore
import LLMLoadMetrics
import Testing

@Suite struct ResourceStatisticsTests {
    @Test func meanMinMaxAndNearestRankP95() throws {
        let statistic = try #require(ResourceStatistic([30, 10, 40, 20]))
        #expect(statistic == ResourceStatistic(mean: 25, min: 10, max: 40, p95: 40, count: 4))
        #expect(ResourceStatistic((1...20).map(Double.init))?.p95 == 19)
        #expect(ResourceStatistic([]) == nil, "no value: absent, not zeros")
    }

    /// Samples every second from 1 to 6; warm-up until 2 s, measured window [2, 5.3].
    static let samples: [ResourceSample] = (1...6).map { second in
        var sample = ResourceSample(tS: Double(second), spanS: 1)
        sample.cpuPercent = Double(second * 10)
        sample.memoryUsedBytes = second * 1000
        var gpu = GPUReading(index: 1)
        gpu.utilizationPercent = Double(100 - second)
        gpu.powerWatts = second == 3 ? 300 : nil
        sample.gpus = [gpu]
        return sample
    }

    @Test func theMeasuredWindowTakesSamplesWhoseMidpointIsInside() throws {
        let resources = RunSummary.Resources(
            samples: Self.samples, sampleInterval: .seconds(1), gpuNote: nil, process: nil,
            gpuNames: [1: "Fake"], measuredWindowS: 2...5.3
        )
        // Midpoints 2.5, 3.5, 4.5 are inside; 1.5 (warm-up) and 5.5 (after the last response) are not.
        #expect(resources.measured.cpuPercent == ResourceStatistic(mean: 40, min: 30, max: 50, p95: 50, count: 3))
        #expect(resources.wholeRun.cpuPercent == ResourceStatistic(mean: 35, min: 10, max: 60, p95: 60, count: 6))
        #expect(resources.measured.memoryUsedBytes?.mean == 4000)
        let gpu = try #require(resources.measured.gpus?.first)
        #expect(gpu.index == 1 && gpu.name == "Fake")
        #expect(gpu.utilizationPercent?.mean == 96 && gpu.utilizationPercent?.max == 97)
        #expect(gpu.powerWatts == ResourceStatistic(mean: 300, min: 300, max: 300, p95: 300, count: 1))
        #expect(gpu.temperatureC == nil)
        #expect(resources.measured.memoryUsedPercent == nil && resources.measured.processCpuPercent == nil)
        #expect(resources.sampleIntervalMs == 1000)
    }

    @Test func withoutMeasuredRequestsOnlyTheWholeRunHasFigures() {
        let resources = RunSummary.Resources(
            samples: Self.samples, sampleInterval: .milliseconds(250), gpuNote: nil, process: nil, gpuNames: [:],
            measuredWindowS: nil
        )
        #expect(resources.measured.cpuPercent == nil)
        #expect(resources.wholeRun.cpuPercent?.count == 6)
        #expect(resources.sampleIntervalMs == 250)
    }

    @Test func noGPUReadMeansNoGPUSection() {
        let samples = [ResourceSample(tS: 1, spanS: 1)]
        let resources = RunSummary.Resources(
            samples: samples, sampleInterval: .seconds(1), gpuNote: "no GPU", process: nil, gpuNames: [:],
            measuredWindowS: 0...1
        )
        #expect(resources.wholeRun.gpus == nil)
        #expect(resources.measured.cpuPercent == nil)
    }
}
