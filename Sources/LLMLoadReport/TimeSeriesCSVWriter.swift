import Foundation
import LLMLoadCore
import LLMLoadMetrics

/// Writes `timeseries.csv`: one row per second of the run (see `docs/results-schema.md`).
public enum TimeSeriesCSVWriter {
    public static let columns = [
        "second", "phase", "offered", "sent", "completed", "failed", "in_flight", "output_tokens_per_s",
        "ttft_mean_ms", "ttft_p95_ms", "e2e_mean_ms", "e2e_p95_ms",
        "client_loop_delay_p99_ms", "client_loop_delay_max_ms", "client_saturated",
    ]

    /// - Parameter resources: adds the monitor's columns, each the mean of the samples whose
    ///   span's midpoint falls in that second; process and GPU columns only when measured.
    /// - Parameter serverMetrics: adds a `server_<figure>` column per curated figure found
    ///   (``ServerMetricColumns``), after the monitor's.
    /// - Returns: why the file could not be written, or `nil` when it was.
    public static func write(
        _ buckets: [TimeSeries.Bucket], resources: RunSummary.Resources? = nil,
        serverMetrics: RunSummary.ServerMetrics? = nil, to url: URL
    ) -> String? {
        func number(_ value: Double?) -> String { value.map(RequestsCSVWriter.decimal) ?? "" }
        let resourceColumns = resources.map(ResourceColumns.init)
        let serverColumns = serverMetrics.map(ServerMetricColumns.init)
        var text = RequestsCSVWriter.line(columns + (resourceColumns?.names ?? []) + (serverColumns?.names ?? []))
        let seconds = max(buckets.count, resourceColumns?.secondCount ?? 0, serverColumns?.secondCount ?? 0)
        for second in 0..<seconds {
            var row: [String]
            if second < buckets.count {
                let b = buckets[second]
                row = [
                    String(b.second), b.isWarmup ? "warmup" : "measure", String(b.offered), String(b.sent),
                    String(b.completed), String(b.failed), String(b.inFlight), number(b.outputTokensPerS),
                    number(b.ttftMeanMs), number(b.ttftP95Ms), number(b.e2eMeanMs), number(b.e2eP95Ms),
                    number(b.clientLoopDelayP99Ms), number(b.clientLoopDelayMaxMs),
                    b.isClientSaturated.map { $0 ? "1" : "0" } ?? "",
                ]
            } else {
                // Samples after the last request event: no request figures to give.
                let isWarmup = resourceColumns?.isWarmup(second: second) ?? false
                row =
                    [String(second), isWarmup ? "warmup" : "measure"] + Array(repeating: "", count: columns.count - 2)
            }
            if let resourceColumns { row += resourceColumns.cells(second: second) }
            if let serverColumns { row += serverColumns.cells(second: second) }
            text += RequestsCSVWriter.line(row)
        }
        do {
            try Data(text.utf8).write(to: url, options: .atomic)
            return nil
        } catch {
            return "could not write \(url.lastPathComponent): \(error.localizedDescription)"
        }
    }
}

/// The monitor's columns of `timeseries.csv`: samples grouped by second, averaged.
private struct ResourceColumns {
    let names: [String]
    private let bySecond: [Int: [ResourceSample]]
    private let hasProcess: Bool
    private let gpuIndices: [Int]

    init(_ resources: RunSummary.Resources) {
        hasProcess = resources.process != nil
        gpuIndices = resources.wholeRun.gpus?.map(\.index) ?? []
        bySecond = Dictionary(grouping: resources.samples) { max(0, Int($0.midpointS.rounded(.down))) }
        names =
            ["cpu_percent", "memory_used_percent", "memory_used_bytes"]
            + (hasProcess ? ["process_cpu_percent", "process_rss_bytes"] : [])
            + gpuIndices.flatMap { ["gpu\($0)_utilization_percent", "gpu\($0)_memory_used_bytes"] }
    }

    var secondCount: Int { (bySecond.keys.max() ?? -1) + 1 }

    func isWarmup(second: Int) -> Bool { bySecond[second]?.first?.isWarmup ?? false }

    func cells(second: Int) -> [String] {
        let samples = bySecond[second] ?? []
        func mean(_ value: (ResourceSample) -> Double?) -> Double? {
            let values = samples.compactMap(value)
            return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
        }
        func decimal(_ value: Double?) -> String { value.map(RequestsCSVWriter.decimal) ?? "" }
        func bytes(_ value: Double?) -> String { value.map { String(Int($0.rounded())) } ?? "" }
        func gpu(_ index: Int, _ value: @escaping (GPUReading) -> Double?) -> (ResourceSample) -> Double? {
            { sample in sample.gpus?.first { $0.index == index }.flatMap(value) }
        }
        var cells = [
            decimal(mean(\.cpuPercent)), decimal(mean(\.memoryUsedPercent)),
            bytes(mean { $0.memoryUsedBytes.map(Double.init) }),
        ]
        if hasProcess {
            cells += [decimal(mean(\.processCpuPercent)), bytes(mean { $0.processRssBytes.map(Double.init) })]
        }
        for index in gpuIndices {
            cells += [
                decimal(mean(gpu(index) { $0.utilizationPercent })),
                bytes(mean(gpu(index) { $0.memoryUsedBytes.map(Double.init) })),
            ]
        }
        return cells
    }
}
