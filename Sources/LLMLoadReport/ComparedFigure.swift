import LLMLoadCore
import LLMLoadMetrics

/// One figure of every compared run, side by side, with each later run's change from the first.
public struct ComparedFigure: Sendable {
    /// How a figure's values are written.
    public enum Style: Sendable, Equatable {
        /// A count (`200`).
        case count
        /// A share of 1, written as a percentage; its absolute change is in percentage points.
        case share
        /// A number with this many decimals, in ``ComparedFigure/unit``.
        case decimal(Int)
    }

    /// Which way is worse, for the figures where one is.
    public enum Worse: Sendable, Equatable {
        case higher
        case lower

        /// The interval `lower…upper` of a change turned so that positive is worse: `least` is
        /// the least worse the change can be (above 0: worse with confidence), `most` the worst.
        func worsening(_ lower: Double, _ upper: Double) -> (least: Double, most: Double) {
            let sign = self == .higher ? 1.0 : -1.0
            return (min(sign * lower, sign * upper), max(sign * lower, sign * upper))
        }
    }

    /// The change of one run from the first run.
    public struct Change: Sendable {
        /// Run − first run.
        public var absolute: Double
        /// (run − first run) / first run; `nil` when the first run's figure is 0.
        public var relative: Double?
        /// The bootstrap interval of the change, for percentiles of per-request metrics.
        public var interval: PercentileBootstrap.Difference?
    }

    /// The figure's name on the console and in `--fail-if-worse`: `ttft.p99`, `error_rate`.
    public var key: String
    /// The report's name for it, English and Chinese.
    public var title: (en: String, zh: String)
    /// `ms`, `req/s`, …; empty for counts and shares.
    public var unit: String
    public var style: Style
    public var worse: Worse?
    /// One per run, in the order given; `nil` where a run has no such figure.
    public var values: [Double?]
    /// One per run: `nil` for the first run and wherever either value is missing.
    public var changes: [Change?]

    init(
        key: String, title: (en: String, zh: String), unit: String = "", style: Style, worse: Worse?,
        values: [Double?], intervals: [PercentileBootstrap.Difference?] = []
    ) {
        self.key = key
        self.title = title
        self.unit = unit
        self.style = style
        self.worse = worse
        self.values = values
        changes = values.indices.map { index in
            guard index > 0, let base = values[0], let value = values[index] else { return nil }
            return Change(
                absolute: value - base, relative: base == 0 ? nil : (value - base) / base,
                interval: index < intervals.count ? intervals[index] : nil)
        }
    }

    /// The figure's title in the report's language.
    func title(_ language: ReportLanguage) -> String { language == .zh ? title.zh : title.en }
}
