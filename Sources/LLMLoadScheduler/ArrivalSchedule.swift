/// When each request is due, as an offset from the run's start instant.
///
/// A schedule is a pure sequence of offsets: the dispatcher turns offset *i* into the absolute
/// deadline `start + offset(i)`, so a late send never delays the ones after it (STYLE C5).
public protocol ArrivalSchedule: Sendable {
    /// The next request's offset from the start, or `nil` when the schedule has no more.
    mutating func nextOffset() -> Duration?
}

/// Open loop at a constant rate: request *i* is due at `i / rate`.
public struct ConstantRateSchedule: ArrivalSchedule {
    public let ratePerSecond: Double
    private var index = 0

    /// - Precondition: `ratePerSecond` is finite and positive (validated by the configuration).
    public init(ratePerSecond: Double) {
        precondition(ratePerSecond.isFinite && ratePerSecond > 0, "rate must be positive")
        self.ratePerSecond = ratePerSecond
    }

    public mutating func nextOffset() -> Duration? {
        // Computed from the index each time, never accumulated, so rounding cannot drift.
        let nanoseconds = (Double(index) * 1e9 / ratePerSecond).rounded()
        index += 1
        return nanoseconds < 9.2e18 ? .nanoseconds(Int64(nanoseconds)) : nil
    }
}
