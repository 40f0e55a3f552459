import LLMLoadCore

extension SweepSummary {
    /// A verdict of the sweep (why a point ended early or failed, the search's evidence) in
    /// English and Chinese: `sweep.json` keeps the English in its plain field, as before, and
    /// the Chinese beside it (`chinese_…`), so the console and report speak the run's language.
    public struct Text: Sendable, Equatable {
        public var en: String
        public var zh: String

        public init(_ en: String, zh: String) {
            self.en = en
            self.zh = zh
        }

        /// The text in `language`.
        public func text(_ language: ReportLanguage) -> String { language == .zh ? zh : en }

        /// The user stopped the point.
        public static let interrupted = Text("interrupted", zh: "被中断")
    }
}

extension SweepSummary.Point {
    /// Why the point ended early, in `language` (English where a file has no Chinese).
    public func stopReason(_ language: ReportLanguage) -> String? {
        language == .zh ? chineseStopReason ?? stopReason : stopReason
    }

    /// Why the point failed, in `language` (English where a file has no Chinese).
    public func failedBecause(_ language: ReportLanguage) -> String? {
        language == .zh ? chineseFailedBecause ?? failedBecause : failedBecause
    }

    /// The first goal `point` missed, in one line; `nil` when it met them all.
    static func failure(of point: Self, goals: SweepSummary.Goals) -> SweepSummary.Text? {
        if let reason = point.stopReason {
            return .init("ended early: \(reason)", zh: "提前结束：\(point.stopReason(.zh) ?? reason)")
        }
        if point.succeeded == 0 { return .init("no request succeeded", zh: "没有成功的请求") }
        if let rate = point.errorRate, rate > goals.maxErrorRate {
            let (share, bound) = (percent(rate), percent(goals.maxErrorRate))
            return .init("error rate \(share) over \(bound)", zh: "错误率 \(share)，超过 \(bound)")
        }
        if let share = point.keptUpShare, share < goals.minKeptUpShare {
            let (kept, bound) = (percent(share), percent(goals.minKeptUpShare))
            return .init(
                "the server completed \(kept) of the requests sent while the load was steady (under \(bound))",
                zh: "负载稳定期间，服务器只完成了已发送请求的 \(kept)（低于 \(bound)）")
        }
        if let wanted = goals.goodputShare, let share = point.goodputShare, share < wanted {
            let (met, bound) = (percent(share), percent(wanted))
            return .init("goodput \(met) under \(bound)", zh: "有效吞吐占比 \(met)，低于 \(bound)")
        }
        return nil
    }

    private static func percent(_ share: Double) -> String {
        let tenths = (share * 1000).rounded()
        return "\(tenths / 10) %"
    }
}

extension SweepSummary.Found {
    /// What was found and why it can be trusted, in `language` (English where a file has no
    /// Chinese).
    public func evidence(_ language: ReportLanguage) -> String {
        language == .zh ? chineseEvidence ?? evidence : evidence
    }
}
