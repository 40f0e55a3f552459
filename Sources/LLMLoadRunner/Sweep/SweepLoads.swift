import Foundation
import LLMLoadMetrics

/// The loads a sweep runs, one point each.
public enum SweepLoads: Sendable, Equatable {
    /// Open-loop rates in requests per second, in the order given (`--rates`).
    case rates([Double])
    /// Closed-loop user counts, in the order given (`--concurrencies`).
    case concurrencies([Int])
    /// The highest rate that passes, searched from `start` (`--find max-rate`): see
    /// ``MaxRateSearch``.
    case findMaxRate(start: Double, precision: Double, limit: Double)

    /// `count` rates from `low` to `high` spaced by a constant factor (`--rates 10-500 --steps 8`),
    /// rounded to four significant digits so labels and folder names stay readable; the ends
    /// are exact.
    public static func geometric(from low: Double, to high: Double, steps count: Int) -> [Double] {
        guard count > 1, low > 0, high > low else { return [low] }
        let factor = pow(high / low, 1 / Double(count - 1))
        return (0..<count).map { index in
            switch index {
            case 0: low
            case count - 1: high
            default: significant(low * pow(factor, Double(index)), digits: 4)
            }
        }
    }

    /// The sweep mode `sweep.json` states.
    public var mode: SweepSummary.Mode {
        switch self {
        case .rates: .rates
        case .concurrencies: .concurrencies
        case .findMaxRate: .findMaxRate
        }
    }

    private static func significant(_ value: Double, digits: Int) -> Double {
        let scale = pow(10, Double(digits) - (log10(value)).rounded(.up))
        return (value * scale).rounded() / scale
    }
}
