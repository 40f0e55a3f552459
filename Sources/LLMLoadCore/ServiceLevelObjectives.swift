import Foundation

/// Latency bounds a request must meet to count toward goodput (`--slo ttft=500ms,tpot=50ms,e2e=10s`).
/// Any subset may be given.
public struct ServiceLevelObjectives: Sendable, Equatable {
    public var timeToFirstToken: Duration?
    public var timePerOutputToken: Duration?
    public var endToEndLatency: Duration?

    public init(
        timeToFirstToken: Duration? = nil, timePerOutputToken: Duration? = nil, endToEndLatency: Duration? = nil
    ) {
        self.timeToFirstToken = timeToFirstToken
        self.timePerOutputToken = timePerOutputToken
        self.endToEndLatency = endToEndLatency
    }

    /// Whether `record` meets every bound: it succeeded, and each bounded figure is within its
    /// bound. A request without a TTFT (not streamed) cannot meet a TTFT bound; one with fewer
    /// than two tokens has no decode phase, so no TPOT bound can fail it.
    public func isMet(by record: RequestRecord) -> Bool {
        guard record.outcome == .ok else { return false }
        if let bound = timeToFirstToken {
            guard let ttft = record.timeToFirstToken, ttft <= bound else { return false }
        }
        if let bound = timePerOutputToken, let tpot = record.timePerOutputToken, tpot > bound { return false }
        if let bound = endToEndLatency {
            guard let e2e = record.endToEndLatency, e2e <= bound else { return false }
        }
        return true
    }

    /// Parses `ttft=500ms,tpot=50ms,e2e=10s` (units `ms`, `s`, `m`; plain numbers are ms).
    /// - Throws: ``ConfigurationError/invalid(_:)`` naming the part it could not read.
    public static func parse(_ text: String) throws -> Self {
        var objectives = Self()
        for part in text.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, let bound = Self.duration(pair[1]), bound > .zero else {
                throw ConfigurationError.invalid(
                    "bad --slo part \"\(part)\": expected name=duration, such as ttft=500ms")
            }
            switch pair[0].lowercased() {
            case "ttft": objectives.timeToFirstToken = bound
            case "tpot": objectives.timePerOutputToken = bound
            case "e2e": objectives.endToEndLatency = bound
            default:
                throw ConfigurationError.invalid("unknown --slo metric \"\(pair[0])\": use ttft, tpot or e2e")
            }
        }
        guard objectives != Self() else { throw ConfigurationError.invalid("--slo names no bound") }
        return objectives
    }

    private static func duration(_ text: String) -> Duration? {
        for (suffix, scale) in [("ms", 1e-3), ("s", 1.0), ("m", 60.0)] where text.hasSuffix(suffix) {
            return Double(text.dropLast(suffix.count)).flatMap { seconds(Double($0) * scale) }
        }
        return Double(text).flatMap { seconds($0 / 1000) }
    }

    private static func seconds(_ value: Double) -> Duration? {
        value.isFinite ? .nanoseconds(Int64((value * 1e9).rounded())) : nil
    }
}
