import LLMLoadMetrics

extension ConsoleSummary {
    /// Average and maximum of CPU, memory, the watched process, each GPU and its memory, over
    /// the measured window (the whole run when no measured sample exists).
    static func resourceLines(_ r: RunSummary.Resources) -> [String] {
        let hasMeasured = r.measured.cpuPercent != nil || r.measured.memoryUsedPercent != nil
        let statistics = hasMeasured ? r.measured : r.wholeRun
        let count = r.samples.count
        let scope = hasMeasured ? "measured window" : "whole run"
        var lines = [
            "Resources (\(scope); \(count) samples every \(FigureText.number(r.sampleIntervalMs / 1000, 2)) s)"
        ]
        var rows: [[String]] = [["", "avg", "max"]]
        func add(_ name: String, _ statistic: ResourceStatistic?, scale: Double = 1, decimals: Int = 1) {
            guard let statistic else { return }
            rows.append([
                name, FigureText.number(statistic.mean / scale, decimals),
                FigureText.number(statistic.max / scale, decimals),
            ])
        }
        let gib = 1024.0 * 1024 * 1024
        add("CPU %", statistics.cpuPercent)
        add("Memory %", statistics.memoryUsedPercent)
        add("Memory GiB", statistics.memoryUsedBytes, scale: gib, decimals: 2)
        if let process = r.process {
            add("\(process.name) (pid \(process.pid)) CPU %", statistics.processCpuPercent)
            add("\(process.name) RSS GiB", statistics.processRssBytes, scale: gib, decimals: 2)
        }
        for gpu in statistics.gpus ?? [] {
            let label = "GPU \(gpu.index)" + (gpu.name.map { " \($0)" } ?? "")
            add("\(label) util %", gpu.utilizationPercent)
            add("\(label) memory %", gpu.memoryUsedPercent)
            add("\(label) memory GiB", gpu.memoryUsedBytes, scale: gib, decimals: 2)
        }
        lines += table(rows).map { "  " + $0 }
        if let note = r.gpuNote { lines.append("  GPU: \(note)") }
        return lines
    }

    /// Rows aligned: the first column left, the others right.
    static func table(_ rows: [[String]]) -> [String] {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { index, cell in
                let pad = String(repeating: " ", count: widths[index] - cell.count)
                return index == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
    }
}
