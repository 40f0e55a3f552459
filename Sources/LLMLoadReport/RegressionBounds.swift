import Foundation

/// The bounds of `llmload compare --fail-if-worse "ttft.p99=10%,e2e.p50=50ms,error_rate=0.01"`:
/// how much worse than the first run each later run may be before the comparison fails (a CI
/// regression gate).
///
/// A percentile is worse only *with confidence*: its bootstrap interval must lie wholly beyond
/// the bound (the interval's lower end of the increase above it, for a figure where higher is
/// worse), so noise between two runs never fails a gate. A rate (`error_rate`) is worse when its
/// increase, in absolute terms (0.01 = one percentage point), exceeds the bound.
public struct RegressionBounds: Sendable, Equatable {
    /// How far a figure may move the worse way.
    public enum Limit: Sendable, Equatable {
        /// A share of the first run's value (0.1 for `10%`).
        case relative(Double)
        /// In the figure's unit (milliseconds; a share for rates).
        case absolute(Double)
    }

    /// One figure's bound.
    public struct Bound: Sendable, Equatable {
        /// A key of ``RunComparison/gateableKeys``.
        public var key: String
        public var limit: Limit
    }

    public var bounds: [Bound]

    /// Parses the option's text.
    /// - Throws: ``RegressionBoundsError`` naming what is wrong (an unknown figure lists the
    ///   known ones).
    public static func parse(_ text: String) throws -> RegressionBounds {
        var bounds: [Bound] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, !pair[0].isEmpty, !pair[1].isEmpty else {
                throw RegressionBoundsError.malformed(String(part.trimmingCharacters(in: .whitespaces)))
            }
            let (key, value) = (pair[0], pair[1])
            guard RunComparison.gateableKeys.contains(key) else {
                let hasNoInterval = RunComparison.percentileMetrics.contains {
                    RunComparison.percentileKeys(of: $0).contains(key)
                }
                throw hasNoInterval ? RegressionBoundsError.noInterval(key) : .unknownFigure(key)
            }
            guard !bounds.contains(where: { $0.key == key }) else { throw RegressionBoundsError.repeated(key) }
            bounds.append(Bound(key: key, limit: try limit(key, value)))
        }
        return RegressionBounds(bounds: bounds)
    }

    /// Rates take a share (`0.01`) or percentage points (`1%`); percentiles a relative bound
    /// (`10%`) or, in milliseconds, an absolute one (`50ms`).
    private static func limit(_ key: String, _ value: String) throws(RegressionBoundsError) -> Limit {
        let isRate = key.hasSuffix("_rate")
        func number(_ text: Substring) throws(RegressionBoundsError) -> Double {
            guard let number = Double(text.trimmingCharacters(in: .whitespaces)), number.isFinite, number >= 0 else {
                throw .badValue(key: key, value: value, expected: isRate ? rateSyntax : percentileSyntax)
            }
            return number
        }
        if value.hasSuffix("%") {
            let share = try number(value.dropLast()) / 100
            return isRate ? .absolute(share) : .relative(share)
        }
        if isRate {
            let share = try number(Substring(value))
            guard share <= 1 else { throw .badValue(key: key, value: value, expected: rateSyntax) }
            return .absolute(share)
        }
        let metric = RunComparison.percentileMetrics.first { RunComparison.percentileKeys(of: $0).contains(key) }
        guard value.hasSuffix("ms"), metric?.unit == .milliseconds else {
            throw .badValue(key: key, value: value, expected: percentileSyntax)
        }
        return .absolute(try number(value.dropLast(2)))
    }

    private static let rateSyntax = "a share such as 0.01 or percentage points such as 1%"
    private static let percentileSyntax = "a relative bound such as 10% or, for a latency, milliseconds such as 50ms"
}

/// What is wrong with a `--fail-if-worse` text.
public enum RegressionBoundsError: Error, CustomStringConvertible, Equatable {
    case malformed(String)
    case unknownFigure(String)
    case repeated(String)
    /// A percentile of a figure without a confidence interval (inter-token latency).
    case noInterval(String)
    case badValue(key: String, value: String, expected: String)

    public var description: String {
        switch self {
        case .malformed(let part):
            "'\(part)' is not figure=bound (for example ttft.p99=10%,error_rate=0.01)"
        case .unknownFigure(let key):
            "no figure '\(key)' to bound; one of: \(RunComparison.gateableKeys.joined(separator: ", "))"
        case .repeated(let key): "\(key) is bounded twice"
        case .noInterval(let key):
            "\(key) has no confidence interval to check with (requests.csv holds one mean gap per request)"
        case .badValue(let key, let value, let expected): "\(key)=\(value): the bound must be \(expected)"
        }
    }
}
