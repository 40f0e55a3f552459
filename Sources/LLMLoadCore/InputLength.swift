import Foundation

/// How many prompt tokens each request should have (`--input-tokens`): one number, a uniform
/// range, or a normal distribution. Counted as the server counts the whole request (chat
/// template included), since that is what it prefills.
public enum InputLength: Sendable, Hashable, CustomStringConvertible {
    /// `2048`
    case fixed(Int)
    /// `1000-4096`: uniform over the whole numbers from the first to the second, both included.
    case uniform(Int, Int)
    /// `normal:2048,256`: rounded, and kept within four standard deviations and at least 1.
    case normal(mean: Int, standardDeviation: Int)

    /// The longest prompt accepted, in tokens: far above any model's context, and low enough
    /// that no arithmetic on a length can overflow.
    public static let maximumTokens = 10_000_000

    /// Why a `--input-tokens` text was refused.
    public struct ParseError: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    /// Reads `2048`, `1000-4096` or `normal:2048,256`.
    public static func parse(_ text: String) throws(ParseError) -> InputLength {
        let text = text.trimmingCharacters(in: .whitespaces)
        let tooLong = ParseError(
            description: "--input-tokens \(text): prompts of over \(maximumTokens) tokens are not accepted")
        func number(_ part: some StringProtocol) throws(ParseError) -> Int {
            guard let value = Int(part.trimmingCharacters(in: .whitespaces)), value >= 1 else {
                throw ParseError(
                    description: "--input-tokens: \"\(part)\" is not a whole number of tokens of at least 1")
            }
            guard value <= maximumTokens else { throw tooLong }
            return value
        }
        if text.lowercased().hasPrefix("normal:") {
            let parts = text.dropFirst("normal:".count).split(separator: ",", omittingEmptySubsequences: false)
            guard parts.count == 2 else {
                throw ParseError(
                    description: "--input-tokens normal:MEAN,STDDEV, such as normal:2048,256; got \"\(text)\"")
            }
            let mean = try number(parts[0])
            guard let deviation = Int(parts[1].trimmingCharacters(in: .whitespaces)), deviation >= 0 else {
                throw ParseError(description: "--input-tokens: the standard deviation must be a whole number ≥ 0")
            }
            // Lengths reach the mean plus four standard deviations.
            guard deviation <= maximumTokens, mean + 4 * deviation <= maximumTokens else { throw tooLong }
            return deviation == 0 ? .fixed(mean) : .normal(mean: mean, standardDeviation: deviation)
        }
        let bounds = text.split(separator: "-", omittingEmptySubsequences: false)
        switch bounds.count {
        case 1:
            return .fixed(try number(bounds[0]))
        case 2:
            let (low, high) = (try number(bounds[0]), try number(bounds[1]))
            guard low <= high else {
                throw ParseError(description: "--input-tokens \(text): the range must go from low to high")
            }
            return low == high ? .fixed(low) : .uniform(low, high)
        default:
            throw ParseError(
                description:
                    "--input-tokens takes N, LOW-HIGH or normal:MEAN,STDDEV (such as 2048, 1000-4096, normal:2048,256); got \"\(text)\""
            )
        }
    }

    /// The smallest and largest length a request can get.
    public var bounds: ClosedRange<Int> {
        switch self {
        case .fixed(let value): value...value
        case .uniform(let low, let high): low...high
        case .normal(let mean, let deviation): max(1, mean - 4 * deviation)...(mean + 4 * deviation)
        }
    }

    /// One length, drawn with `generator` (the same seed gives the same lengths).
    public func sample(using generator: inout some RandomNumberGenerator) -> Int {
        switch self {
        case .fixed(let value):
            return value
        case .uniform(let low, let high):
            return Int.random(in: low...high, using: &generator)
        case .normal(let mean, let deviation):
            // Box–Muller; 1 − u keeps the logarithm's argument in (0, 1].
            let u = 1 - Double.random(in: 0..<1, using: &generator)
            let v = Double.random(in: 0..<1, using: &generator)
            let z = (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
            let value = Int((Double(mean) + z * Double(deviation)).rounded())
            return min(max(value, bounds.lowerBound), bounds.upperBound)
        }
    }

    /// As given on the command line: `2048`, `1000-4096`, `normal:2048,256`.
    public var description: String {
        switch self {
        case .fixed(let value): "\(value)"
        case .uniform(let low, let high): "\(low)-\(high)"
        case .normal(let mean, let deviation): "normal:\(mean),\(deviation)"
        }
    }
}
