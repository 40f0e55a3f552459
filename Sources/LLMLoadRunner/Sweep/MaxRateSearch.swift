/// The search of `--find max-rate`: the highest open-loop rate at which a point passes, to a
/// stated relative precision.
///
/// From `start` it doubles the rate while points pass (or halves it while they fail, when the
/// first one fails), until it holds a passing rate below a failing one; then it bisects that
/// bracket until its width is at most `precision` of its low end. It never goes above `limit`:
/// a server that passes there is reported as passing up to the limit, with no failing rate.
/// Pure state, so it is tested without any load.
public struct MaxRateSearch: Sendable, Equatable {
    public let precision: Double
    public let limit: Double
    /// The highest rate that passed, and the lowest that failed, so far.
    public private(set) var highestPassing: Double?
    public private(set) var lowestFailing: Double?
    /// The rate to try next; `nil` once the search is over.
    public private(set) var next: Double?

    /// Halving below this fraction of `start` gives up: the server fails even at a trickle.
    private let floor: Double

    public init(start: Double, precision: Double, limit: Double) {
        self.precision = precision
        self.limit = limit
        floor = start / 64
        next = min(start, limit)
    }

    /// Records whether the point at ``next`` passed, and chooses the rate after it.
    public mutating func record(passed: Bool) {
        guard let rate = next else { return }
        if passed {
            highestPassing = max(highestPassing ?? rate, rate)
        } else {
            lowestFailing = min(lowestFailing ?? rate, rate)
        }
        next = choose()
    }

    /// The bracket's width relative to its low end; `nil` until there is a bracket.
    public var precisionReached: Double? {
        guard let low = highestPassing, let high = lowestFailing else { return nil }
        return (high - low) / low
    }

    private func choose() -> Double? {
        switch (highestPassing, lowestFailing) {
        case (let low?, let high?):
            guard let reached = precisionReached, reached > precision else { return nil }
            return (low + high) / 2
        case (let low?, nil):
            return low >= limit ? nil : min(low * 2, limit)
        case (nil, let high?):
            return high / 2 < floor ? nil : high / 2
        case (nil, nil):
            return next
        }
    }
}
