import LLMLoadMetrics

extension SweepWriter {
    /// One column of `sweep.csv`: its name, and how a point's figure is written into the row.
    struct Column {
        var name: String
        var write: (SweepSummary.Point, inout CSVRowBuilder) -> Void

        init(_ name: String, _ write: @escaping (SweepSummary.Point, inout CSVRowBuilder) -> Void) {
            self.name = name
            self.write = write
        }
    }

    /// The columns of `summary`'s `sweep.csv`, in order (documented in `docs/results-schema.md`):
    /// the point's load and figures, then `<id>_p50`, `_p90`, `_p99` of every catalogue metric
    /// some point has, in the catalogue's order, then resources and the verdict.
    static func columns(_ summary: SweepSummary) -> [Column] {
        let figures: [Column] = [
            Column("index") { p, row in row.integer(p.index) },
            Column("folder") { p, row in row.text(p.folder) },
            Column("offered_rate_per_s") { p, row in row.number(p.offeredRatePerS) },
            Column("concurrency") { p, row in row.integer(p.concurrency) },
            Column("achieved_rate_per_s") { p, row in row.number(p.achievedRatePerS) },
            Column("steady_rate_per_s") { p, row in row.number(p.steadyRatePerS) },
            Column("kept_up_share") { p, row in row.number(p.keptUpShare) },
            Column("requests") { p, row in row.integer(p.requests) },
            Column("succeeded") { p, row in row.integer(p.succeeded) },
            Column("error_rate") { p, row in row.number(p.errorRate) },
            Column("output_tokens_per_s") { p, row in row.number(p.outputTokensPerS) },
            Column("per_user_tokens_per_s") { p, row in row.number(p.perUserTokensPerS) },
            Column("goodput_share") { p, row in row.number(p.goodputShare) },
        ]
        let percentiles: [(suffix: String, value: @Sendable (SweepSummary.Percentiles) -> Double)] = [
            ("p50", \.p50), ("p90", \.p90), ("p99", \.p99),
        ]
        let latency = metrics(in: summary).flatMap { metric in
            percentiles.map { suffix, value in
                Column("\(metric.id)_\(suffix)") { p, row in row.number(p.latency[metric.id].map(value)) }
            }
        }
        let verdict: [Column] = [
            Column("cpu_max_percent") { p, row in row.number(p.cpuMaxPercent) },
            Column("gpu_utilization_max_percent") { p, row in row.number(p.gpuUtilizationMaxPercent) },
            Column("gpu_memory_max_bytes") { p, row in
                row.integer(p.gpuMemoryMaxBytes.flatMap { Int(exactly: $0.rounded()) })
            },
            Column("client_saturated") { p, row in row.plain(p.clientSaturated ? "true" : "false") },
            Column("client_cpu_cores") { p, row in row.number(p.clientCpuCores) },
            Column("client_delayed") { p, row in row.plain(p.clientDelayed ? "true" : "false") },
            Column("stop_reason") { p, row in row.text(p.stopReason) },
            Column("passed") { p, row in row.plain(p.passed ? "true" : "false") },
            Column("failed_because") { p, row in row.text(p.failedBecause) },
        ]
        return figures + latency + verdict
    }

    /// The catalogue's metrics that at least one point of `summary` has percentiles for.
    static func metrics(in summary: SweepSummary) -> [Metric] {
        MetricCatalogue.all.filter { metric in summary.points.contains { $0.latency[metric.id] != nil } }
    }

    /// The whole of `sweep.csv`: the header, then one row per point in the order they ran.
    static func csv(_ summary: SweepSummary) -> String {
        let columns = columns(summary)
        var rows = CSVRowBuilder()
        for column in columns { rows.plain(column.name) }
        rows.endRow()
        for point in summary.points {
            for column in columns { column.write(point, &rows) }
            rows.endRow()
        }
        return String(decoding: rows.bytes, as: UTF8.self)
    }
}
