extension FigureText {
    /// `value` with `places` decimals and its sign (`+20.02`, `-3.10`), or a dash; a value that
    /// rounds to zero has none (`0.00`), so "no change" never reads as a direction.
    static func signed(_ value: Double?, _ places: Int) -> String {
        guard let value, value.isFinite else { return dash }
        let text = number(value, places)
        if text.allSatisfy({ "-0.".contains($0) }) { return String(text.drop { $0 == "-" }) }
        return text.hasPrefix("-") ? text : "+" + text
    }

    /// A relative change as a signed percentage with one decimal (`0.1` → `+10.0 %`), or a dash.
    static func signedPercent(_ share: Double?) -> String {
        share.map { signed($0 * 100, 1) + " %" } ?? dash
    }
}

extension ComparedFigure {
    /// Run `index`'s value as the outputs write it (`12.5 %`, `200`, `213.40`), or a dash.
    func valueText(_ index: Int) -> String {
        let value = values[index]
        switch style {
        case .count: return FigureText.number(value, 0)
        case .share: return FigureText.percent(value)
        case .decimal(let places): return FigureText.number(value, places)
        }
    }

    /// The absolute change: a signed count, percentage points for a share, or a signed number.
    func absoluteText(_ change: Change) -> String {
        switch style {
        case .count: return FigureText.signed(change.absolute, 0)
        case .share: return FigureText.signed(change.absolute * 100, 1) + " pp"
        case .decimal(let places): return FigureText.signed(change.absolute, places)
        }
    }

    /// The bootstrap interval of the change, relative when it can be (`+9.6 %…+10.4 %`), else in
    /// the figure's unit; `nil` without one.
    func intervalText(_ change: Change) -> String? {
        guard let interval = change.interval else { return nil }
        if let relative = interval.relativeInterval {
            return FigureText.signedPercent(relative.lower) + "…" + FigureText.signedPercent(relative.upper)
        }
        let places = if case .decimal(let places) = style { places } else { 0 }
        let absolute = interval.absoluteInterval
        return FigureText.signed(absolute.lower, places) + "…" + FigureText.signed(absolute.upper, places) + " " + unit
    }
}
