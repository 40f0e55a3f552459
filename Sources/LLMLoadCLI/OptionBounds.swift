import ArgumentParser
import LLMLoadCore

/// The largest values `llmload run` accepts. Far above any real load, and low enough that no
/// arithmetic on them (nanoseconds in an `Int64`, counts in an `Int`, queued entries) can trap
/// or exhaust memory: an absurd number is a clear error before anything is created.
enum OptionBounds {
    /// Requests per second (`--qps`, each end of `--ramp`).
    static let maximumRatePerSecond = 1_000_000.0
    /// Closed-loop users (`--concurrency`): one queued entry and one connection each.
    static let maximumConcurrency = 100_000
    /// Tokens of a prompt or an answer (`--input-tokens`, `--max-tokens`, `--shared-prefix`,
    /// `--num-ctx`).
    static let maximumTokens = InputLength.maximumTokens
    /// Request counts (`--requests`, `--warmup-requests`).
    static let maximumRequests = 1_000_000_000
    /// Every duration, and the span the warm-up requests take at the rate given: 30 days.
    static let maximumDuration = Duration.seconds(30 * 86_400)

    /// Throws unless `value` is at most `maximum`.
    static func check<Value: Comparable>(_ option: String, _ value: Value?, atMost maximum: Value) throws {
        guard let value, value > maximum else { return }
        throw ValidationError("\(option) \(value) is above the largest accepted, \(maximum)")
    }

    /// Throws unless `duration` is at most ``maximumDuration``.
    static func check(_ option: String, _ duration: Duration?) throws {
        guard let duration, duration > maximumDuration else { return }
        throw ValidationError("\(option) is longer than the largest accepted, 30 days")
    }
}
