import LLMLoadCore
import LLMLoadMetrics

/// Figures as the console summary, the report and the warnings show them: fixed decimals with a
/// `.` in every locale (``DecimalText``), and a dash where a figure is absent or not finite, so
/// a missing value never reads as zero.
enum FigureText {
    /// What stands for an absent figure.
    static let dash = "–"

    /// `value` with `places` decimals, or a dash.
    static func number(_ value: Double?, _ places: Int) -> String {
        value.flatMap { DecimalText.format($0, places: places) } ?? dash
    }

    /// A share of 1 as a percentage with one decimal and a spaced sign (`0.125` → `12.5 %`), or a
    /// dash.
    static func percent(_ share: Double?) -> String {
        share.map { number($0 * 100, 1) + " %" } ?? dash
    }

    /// A count with its sign, `+3`, `0` or `-2`: how far a figure is from a target.
    static func signed(_ value: Int) -> String { value > 0 ? "+\(value)" : "\(value)" }
}

extension FigureText {
    /// The goodput bounds that were set, in English in every output: `TTFT ≤ 500 ms, E2E ≤ 10000 ms`.
    static func bounds(_ objectives: RunDescription.Objectives?) -> String {
        [("TTFT", objectives?.ttftMs), ("TPOT", objectives?.tpotMs), ("E2E", objectives?.e2eMs)]
            .compactMap { name, value in value.map { "\(name) ≤ \(number($0, 0)) ms" } }.joined(separator: ", ")
    }
}
