extension RegressionBounds {
    /// What the bounds found, each line naming the run, the figure and the bound.
    public struct Verdict: Sendable, Equatable {
        /// Bounds a run exceeded with confidence.
        public var failures: [String] = []
        /// Bounds that could not be checked (a figure or interval missing), so they neither
        /// pass nor fail.
        public var unchecked: [String] = []

        public init() {}
    }

    /// Checks every run after the first against the first.
    public func check(_ comparison: RunComparison) -> Verdict {
        var verdict = Verdict()
        for bound in bounds {
            guard let figure = comparison.figure(bound.key), let worse = figure.worse else {
                verdict.unchecked.append("\(bound.key): no such figure in these runs")
                continue
            }
            for index in comparison.runs.indices.dropFirst() {
                let run = RunComparison.label(index)
                guard let change = figure.changes[index] else {
                    verdict.unchecked.append("\(run): \(bound.key) is missing in A or \(run)")
                    continue
                }
                switch Self.exceeds(bound.limit, figure: figure, change: change, worse: worse) {
                case true?:
                    verdict.failures.append(
                        "\(run) is worse than A: \(bound.key) \(Self.describe(figure, change)) beyond the bound "
                            + Self.describe(bound.limit, figure: figure))
                case false?: break
                case nil:
                    verdict.unchecked.append(
                        "\(run): \(bound.key) has no confidence interval (requests.csv missing or without values)")
                }
            }
        }
        return verdict
    }

    /// Whether `change` goes the worse way by more than `limit`: for a percentile, the whole
    /// interval does; for a rate, the change itself. `nil` when a percentile has no interval.
    static func exceeds(
        _ limit: Limit, figure: ComparedFigure, change: ComparedFigure.Change, worse: ComparedFigure.Worse
    ) -> Bool? {
        // Every change is turned so that positive is worse: an interval's end nearest "no
        // worse" then says whether the run is worse with confidence.
        if figure.style == .share {
            guard case .absolute(let bound) = limit else { return nil }
            return worse.worsening(change.absolute, change.absolute).least > bound
        }
        guard let interval = change.interval else { return nil }
        switch limit {
        case .relative(let bound):
            guard let relative = interval.relativeInterval else { return nil }
            return worse.worsening(relative.lower, relative.upper).least > bound
        case .absolute(let bound):
            let absolute = interval.absoluteInterval
            return worse.worsening(absolute.lower, absolute.upper).least > bound
        }
    }

    /// `+18.2 % (95 % CI +12.0 %…+25.1 %)`, or a rate's change in percentage points.
    static func describe(_ figure: ComparedFigure, _ change: ComparedFigure.Change) -> String {
        guard figure.style != .share else { return figure.absoluteText(change) }
        let point =
            change.relative.map(FigureText.signedPercent) ?? "\(figure.absoluteText(change)) \(figure.unit)"
        return point + (figure.intervalText(change).map { " (95 % CI \($0))" } ?? "")
    }

    /// The bound as given: `10 %`, `50 ms`, `1.0 pp`.
    static func describe(_ limit: Limit, figure: ComparedFigure) -> String {
        switch limit {
        case .relative(let share): FigureText.signedPercent(share)
        case .absolute(let value) where figure.style == .share: FigureText.signed(value * 100, 1) + " pp"
        case .absolute(let value): FigureText.signed(value, 2) + " " + figure.unit
        }
    }
}
