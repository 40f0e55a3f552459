import Foundation
import LLMLoadCore
import LLMLoadMetrics

/// The data the report's script draws, encoded as JSON into the page. Built only from what the
/// run folder holds; its size is bounded (points, bins and CDF steps have limits), not growing
/// with the number of requests.
struct ReportChartData: Encodable {
    struct Series: Encodable {
        var second: [Int] = []
        var offered: [Int] = []
        var sent: [Int] = []
        var completed: [Int] = []
        var failed: [Int] = []
        var inFlight: [Int] = []
        var outputTokensPerS: [Double] = []
        var ttftP95: [Double?] = []
        var e2eP95: [Double?] = []
    }

    struct Points: Encodable {
        var seconds: [Double]
        var ttftMs: [Double?]
        var e2eMs: [Double]
        var failedSeconds: [Double]
        var failedMs: [Double]
        var note: String

        private enum CodingKeys: String, CodingKey {
            case seconds, ttftMs, e2eMs, failedSeconds, failedMs, note
        }

        /// Each series a ``NumberColumn``: up to 20,000 values each.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(NumberColumn(seconds), forKey: .seconds)
            try container.encode(NumberColumn(ttftMs), forKey: .ttftMs)
            try container.encode(NumberColumn(e2eMs), forKey: .e2eMs)
            try container.encode(NumberColumn(failedSeconds), forKey: .failedSeconds)
            try container.encode(NumberColumn(failedMs), forKey: .failedMs)
            try container.encode(note, forKey: .note)
        }
    }

    /// A histogram (shares per equal-width bin) and the CDF of one metric.
    struct DistributionChart: Encodable {
        var key: String
        var title: String
        var unit: String
        var binCenters: [Double]
        var binShares: [Double]
        var binWidth: Double
        var cdfValues: [Double]
        var cdfShares: [Double]
        /// Values above the histogram's range (beyond P99.9 of a long tail); the CDF has them.
        var beyond: Int
        var beyondNote: String
    }

    struct Bar: Encodable {
        var name: String
        var count: Int
    }

    var labels: [String: String]
    var warmupEndS: Double?
    var timeseries: Series
    var points: Points
    var distributions: [DistributionChart]
    var outcomes: [Bar]
    var statuses: [Bar]
    /// Filled by the resource monitor's series when the run has one.
    var resources: ResourceCharts?
    /// The server's own metrics, when they were scraped.
    var server: ServerCharts?
    var requests: RequestCharts
    /// `--turns`: TTFT percentiles and the mean prompt count by turn; empty without conversations.
    var turns: [RunSummary.TurnFigures]

    /// CPU, memory, process and GPU series at each sample's time, with the average and maximum
    /// over the measured window (what the dashed lines mark).
    struct ResourceCharts: Encodable {
        struct Stats: Encodable {
            var mean: Double?
            var max: Double?

            init(_ statistic: ResourceStatistic?) {
                mean = statistic?.mean
                max = statistic?.max
            }
        }
        struct GPU: Encodable {
            var index: Int
            var name: String?
            var utilizationPercent: [Double?]
            var memoryPercent: [Double?]
            /// Absent readings (NVML without the query) are `null`; the chart is drawn only
            /// when some reading has them.
            var powerWatts: [Double?]
            var temperatureC: [Double?]
            var utilization: Stats
            var memory: Stats
        }
        var seconds: [Double]
        var cpuPercent: [Double?]
        var memoryPercent: [Double?]
        var cpu: Stats
        var memory: Stats
        /// The watched server process, when there is one.
        var processName: String?
        var processCpuPercent: [Double?]
        var processRssMiB: [Double?]
        /// Each core's busy share at each sample (`[sample][core]`); empty when not sampled.
        var cpuPerCorePercent: [[Double]]
        var gpus: [GPU]

        init?(_ resources: RunSummary.Resources?) {
            guard let resources, !resources.samples.isEmpty else { return nil }
            let samples = resources.samples
            let measured = resources.measured
            seconds = samples.map(\.tS)
            cpuPercent = samples.map(\.cpuPercent)
            memoryPercent = samples.map(\.memoryUsedPercent)
            cpu = Stats(measured.cpuPercent)
            memory = Stats(measured.memoryUsedPercent)
            processName = resources.process.map { "\($0.name) (pid \($0.pid))" }
            processCpuPercent = samples.map(\.processCpuPercent)
            processRssMiB = samples.map { $0.processRssBytes.map { Double($0) / 1_048_576 } }
            let cores = samples.map { $0.cpuPerCorePercent ?? [] }
            cpuPerCorePercent = cores.contains { !$0.isEmpty } ? cores : []
            let indexes = Set(samples.flatMap { $0.gpus?.map(\.index) ?? [] }).sorted()
            gpus = indexes.map { index in
                let statistics = measured.gpus?.first { $0.index == index }
                let name = statistics?.name ?? resources.wholeRun.gpus?.first { $0.index == index }?.name
                let readings = samples.map { $0.gpus?.first { $0.index == index } }
                return GPU(
                    index: index, name: name, utilizationPercent: readings.map { $0?.utilizationPercent },
                    memoryPercent: readings.map { $0?.memoryUsedPercent },
                    powerWatts: readings.map { $0?.powerWatts }, temperatureC: readings.map { $0?.temperatureC },
                    utilization: Stats(statistics?.utilizationPercent), memory: Stats(statistics?.memoryUsedPercent)
                )
            }
        }
    }

    /// Metrics drawn as distributions, in the catalogue's order.
    static let chartedMetrics = MetricCatalogue.all.filter(\.isCharted)
    static let bins = 40
    static let cdfSteps = 300

    init(input: ReportInput, language: ReportLanguage, pointLimit: Int) {
        let s = input.summary
        labels = ReportText.labels(language)
        let lastWarmup = s.timeseries.last { $0.isWarmup }
        warmupEndS = lastWarmup.map { Double($0.second + 1) }
        var series = Series()
        for b in s.timeseries {
            series.second.append(b.second)
            series.offered.append(b.offered)
            series.sent.append(b.sent)
            series.completed.append(b.completed)
            series.failed.append(b.failed)
            series.inFlight.append(b.inFlight)
            series.outputTokensPerS.append(b.outputTokensPerS)
            series.ttftP95.append(b.ttftP95Ms)
            series.e2eP95.append(b.e2eP95Ms)
        }
        timeseries = series
        let p = input.points
        let shown = p.seconds.count + p.failedSeconds.count
        let note =
            p.stride == 1
            ? ReportText.label("all_points", language)
            : ReportText.label("downsampled", language)
                .replacingOccurrences(of: "{shown}", with: String(shown))
                .replacingOccurrences(of: "{total}", with: String(p.rows))
                .replacingOccurrences(of: "{stride}", with: String(p.stride))
                .replacingOccurrences(of: "{limit}", with: String(pointLimit))
        points = Points(
            seconds: p.seconds, ttftMs: p.ttftMs, e2eMs: p.e2eMs, failedSeconds: p.failedSeconds,
            failedMs: p.failedMs, note: note
        )
        distributions = Self.chartedMetrics.compactMap { metric in
            guard let snapshot = s.histograms[metric.id], snapshot.count > 0, let summary = s.latency[metric] else {
                return nil
            }
            return Self.chart(metric, snapshot: snapshot, summary: summary, language: language)
        }
        outcomes = s.requests.byOutcome.filter { $0.value > 0 }.sorted { $0.key < $1.key }
            .map { Bar(name: $0.key, count: $0.value) }
        statuses = s.requests.byHttpStatus.filter { $0.value > 0 }.sorted { $0.key < $1.key }
            .map { Bar(name: $0.key, count: $0.value) }
        resources = ResourceCharts(s.resources)
        server = ServerCharts(s.serverMetrics)
        requests = RequestCharts(p)
        turns = s.turns ?? []
    }

    /// Bins between the minimum and the maximum, or P99.9 when the tail is long (maximum above
    /// three times P99), so one outlier does not squeeze every other bar into one.
    static func chart(
        _ metric: Metric, snapshot: DistributionSnapshot, summary: DistributionSummary, language: ReportLanguage
    ) -> DistributionChart {
        let values = snapshot.buckets.compactMap { pair -> (Double, Int)? in
            pair.count == 2 ? (Double(pair[0]) / snapshot.scale, Int(pair[1])) : nil
        }
        let total = max(1, values.reduce(0) { $0 + $1.1 })
        let low = summary.min
        let high = summary.max > 3 * summary.p99 ? summary.p99_9 : summary.max
        let width = max((high - low) / Double(bins), 1e-9)
        var counts = [Int](repeating: 0, count: bins)
        var beyond = 0
        for (value, count) in values {
            let clamped = min(max(value, low), summary.max)
            if clamped > high + width * 1e-6 {
                beyond += count
                continue
            }
            counts[min(bins - 1, Int((clamped - low) / width))] += count
        }
        var cdfValues: [Double] = []
        var cdfShares: [Double] = []
        var running = 0
        let step = max(1, values.count / cdfSteps)
        for (offset, (value, count)) in values.enumerated() {
            running += count
            if offset % step == 0 || offset == values.count - 1 {
                cdfValues.append(min(max(value, low), summary.max))
                cdfShares.append(Double(running) / Double(total))
            }
        }
        let note =
            language == .zh
            ? "\(beyond) 个高于 P99.9 的值未画入直方图（累计曲线包含全部）"
            : "\(beyond) values above P99.9 left out of the bars (the CDF has them all)"
        return DistributionChart(
            key: metric.id, title: metric.title(language), unit: metric.unit.rawValue,
            binCenters: (0..<bins).map { low + (Double($0) + 0.5) * width },
            binShares: counts.map { Double($0) / Double(total) }, binWidth: width * 0.98,
            cdfValues: cdfValues, cdfShares: cdfShares, beyond: beyond, beyondNote: note
        )
    }
}
