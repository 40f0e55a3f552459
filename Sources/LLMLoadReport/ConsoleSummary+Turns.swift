import LLMLoadCore
import LLMLoadMetrics

extension ConsoleSummary {
    /// The most turns the console line lists one by one; longer conversations show their first
    /// and last turns.
    static let listedTurns = 6

    /// `--turns`: TTFT P50 and the server's mean prompt count by turn, on one line, so the cost
    /// of a growing history (and what a prefix cache saves of it) shows at a glance.
    static func turnLine(_ turns: [RunSummary.TurnFigures], language: ReportLanguage) -> String? {
        guard !turns.isEmpty else { return nil }
        let zh = language == .zh
        let shown: [RunSummary.TurnFigures?] =
            turns.count <= listedTurns ? turns : Array(turns.prefix(3)) + [nil] + Array(turns.suffix(2))
        let items = shown.map { figures -> String in
            guard let f = figures else { return "…" }
            let ttft = f.ttftP50Ms.map { FigureText.number($0, 1) } ?? "–"
            let input = f.meanInputTokens.map { FigureText.number($0, 0) } ?? "–"
            return zh ? "第 \(f.turn) 轮 \(ttft) 毫秒（\(input) token）" : "\(f.turn): \(ttft) ms (\(input) tok)"
        }
        return zh
            ? "各轮首 token 延迟 P50（服务器计的平均输入 token）：" + items.joined(separator: " · ")
            : "TTFT P50 by turn (mean input tokens, server count): " + items.joined(separator: " · ")
    }
}
