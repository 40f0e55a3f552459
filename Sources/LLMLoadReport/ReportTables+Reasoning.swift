import LLMLoadCore
import LLMLoadMetrics

extension ReportTables {
    /// The headline cards of a run whose model reasoned: the time to the first answer token,
    /// the thinking and answer tokens, and the answer's decode speed. None when nothing reasoned
    /// (the TTFT cards say it all then).
    static func reasoningCards(_ l: RunSummary.Latency, _ language: ReportLanguage) -> [Row] {
        guard let ttfa = l[.timeToFirstAnswerToken] else { return [] }
        func label(_ key: String) -> String { ReportText.label(key, language) }
        let ms = label("ms")
        let thinking = l[.thinkingDuration].map { "\(label("thinking_p50")) \(FigureText.number($0.p50, 1)) \(ms)" }
        var cards: [Row] = [
            [
                "label": label("ttfa_p50"), "value": FigureText.number(ttfa.p50, 1), "unit": ms,
                "detail": thinking ?? "",
            ],
            ["label": label("ttfa_p99"), "value": FigureText.number(ttfa.p99, 1), "unit": ms, "detail": ""],
        ]
        if let tokens = l[.thinkingTokens] {
            let answer = l[.answerTokens].map { "\(label("answer_tokens_p50")) \(FigureText.number($0.p50, 0))" }
            cards.append([
                "label": label("thinking_tokens_p50"), "value": FigureText.number(tokens.p50, 0), "unit": "",
                "detail": answer ?? "",
            ])
        }
        if let speed = l[.answerDecodeSpeed] {
            cards.append([
                "label": label("answer_decode_p50"), "value": FigureText.number(speed.p50, 1), "unit": "tok/s",
                "detail": "",
            ])
        }
        return cards.map { $0.merging(["tone": ""]) { old, _ in old } }
    }
}
