import LLMLoadMetrics

extension SweepSummary {
    /// Whether the points are closed loops, placed by their users rather than an offered rate.
    var isClosedLoop: Bool { mode == .concurrencies }

    /// Where `point` stands on the sweep's axis: its users for a closed loop, else its offered
    /// rate.
    func load(of point: Point) -> Double? {
        isClosedLoop ? point.concurrency.map(Double.init) : point.offeredRatePerS
    }

    /// The points by their load, lowest first; a point without one is left out.
    var pointsByLoad: [Point] {
        points.compactMap { point in load(of: point).map { (point, $0) } }.sorted { $0.1 < $1.1 }.map(\.0)
    }

    /// The knee: `find-max-rate`'s rate found, else the load of the highest point that passed;
    /// `nil` when none did.
    var sustainedLoad: Double? {
        if let found { return found.maxRatePerS }
        return points.filter(\.passed).compactMap { load(of: $0) }.max()
    }

    /// The lowest load above ``sustainedLoad`` that failed: the search's bracket, or the first
    /// failing point beyond the knee.
    var firstFailingLoad: Double? {
        if let found { return found.firstFailingRatePerS }
        let knee = sustainedLoad ?? -.infinity
        return points.filter { !$0.passed }.compactMap { load(of: $0) }.filter { $0 > knee }.min()
    }
}
