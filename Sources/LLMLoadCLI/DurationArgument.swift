import ArgumentParser
import Foundation

/// A duration on the command line: seconds (`10`, `0.5`) or with a unit (`250ms`, `10s`, `5m`, `1h`).
struct DurationArgument: ExpressibleByArgument, Sendable, Equatable {
    var duration: Duration

    init(_ duration: Duration) {
        self.duration = duration
    }

    init?(argument: String) {
        let text = argument.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        var number = Substring(text)
        var factor = 1.0
        for (suffix, value) in units where text.hasSuffix(suffix) {
            number = text.dropLast(suffix.count)
            factor = value
            break
        }
        guard let value = Double(number), value.isFinite else { return nil }
        let seconds = value * factor
        guard abs(seconds) < 1e9 else { return nil }
        duration = .nanoseconds(Int64((seconds * 1e9).rounded()))
    }

    var defaultValueDescription: String {
        let (seconds, attoseconds) = duration.components
        return attoseconds == 0 ? "\(seconds)s" : "\(Double(seconds) + Double(attoseconds) / 1e18)s"
    }
}
