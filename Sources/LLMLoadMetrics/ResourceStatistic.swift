/// Mean, minimum, maximum and P95 (nearest rank) of one resource figure over a set of samples.
public struct ResourceStatistic: Sendable, Codable, Equatable {
    public var mean: Double
    public var min: Double
    public var max: Double
    public var p95: Double
    /// Samples that had the figure.
    public var count: Int

    public init(mean: Double, min: Double, max: Double, p95: Double, count: Int) {
        self.mean = mean
        self.min = min
        self.max = max
        self.p95 = p95
        self.count = count
    }

    /// The statistic of `values`; `nil` when there are none (never zeros standing in).
    public init?(_ values: [Double]) {
        guard let p95 = TimeSeries.p95(values), let min = values.min(), let max = values.max() else { return nil }
        self.init(mean: values.reduce(0, +) / Double(values.count), min: min, max: max, p95: p95, count: values.count)
    }
}
