import LLMLoadCore
import LLMLoadMetrics

extension ConsoleSummary {
    /// Average and maximum of CPU, memory, the watched process, each GPU and its memory, over
    /// the measured window (the whole run when no measured sample exists).
    static func resourceLines(_ r: RunSummary.Resources, language: ReportLanguage = .en) -> [String] {
        let zh = language == .zh
        let hasMeasured = r.measured.cpuPercent != nil || r.measured.memoryUsedPercent != nil
        let statistics = hasMeasured ? r.measured : r.wholeRun
        let count = r.samples.count
        let every = FigureText.number(r.sampleIntervalMs / 1000, 2)
        var lines = [
            zh
                ? "资源（\(hasMeasured ? "测量窗口" : "整个运行")；每 \(every) 秒采样一次，共 \(count) 次）"
                : "Resources (\(hasMeasured ? "measured window" : "whole run"); \(count) samples every \(every) s)"
        ]
        var rows: [[String]] = [zh ? ["", "平均", "最大"] : ["", "avg", "max"]]
        func add(_ name: String, _ statistic: ResourceStatistic?, scale: Double = 1, decimals: Int = 1) {
            guard let statistic else { return }
            rows.append([
                name, FigureText.number(statistic.mean / scale, decimals),
                FigureText.number(statistic.max / scale, decimals),
            ])
        }
        let gib = 1024.0 * 1024 * 1024
        let memory = zh ? "内存" : "Memory"
        add("CPU %", statistics.cpuPercent)
        add("\(memory) %", statistics.memoryUsedPercent)
        add("\(memory) GiB", statistics.memoryUsedBytes, scale: gib, decimals: 2)
        if let process = r.process {
            add("\(process.name) (pid \(process.pid)) CPU %", statistics.processCpuPercent)
            add("\(process.name) RSS GiB", statistics.processRssBytes, scale: gib, decimals: 2)
        }
        for gpu in statistics.gpus ?? [] {
            let label = "GPU \(gpu.index)" + (gpu.name.map { " \($0)" } ?? "")
            add(zh ? "\(label) 利用率 %" : "\(label) util %", gpu.utilizationPercent)
            add(zh ? "\(label) 显存 %" : "\(label) memory %", gpu.memoryUsedPercent)
            add(zh ? "\(label) 显存 GiB" : "\(label) memory GiB", gpu.memoryUsedBytes, scale: gib, decimals: 2)
        }
        lines += table(rows).map { "  " + $0 }
        // The note is the monitor's own sentence (why there are no GPU figures), in English; its
        // common case, no driver, is said in Chinese too, with the technical detail kept.
        if let note = r.gpuNote {
            if language == .zh, note.hasPrefix(GPUNote.noDriver) {
                lines.append("  GPU：未找到 NVIDIA GPU 或驱动，未采集 GPU 指标" + note.dropFirst(GPUNote.noDriver.count))
            } else {
                lines.append("  GPU: \(note)")
            }
        }
        return lines
    }

    /// Rows aligned: the first column left, the others right, by the columns each cell takes
    /// on a terminal (a Chinese character takes two).
    static func table(_ rows: [[String]]) -> [String] {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { column in
            rows.map { column < $0.count ? TerminalText.width($0[column]) : 0 }.max() ?? 0
        }
        return rows.map { row in
            row.enumerated().map { index, cell in
                let pad = String(repeating: " ", count: widths[index] - TerminalText.width(cell))
                return index == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
    }
}
