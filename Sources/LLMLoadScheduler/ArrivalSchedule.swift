/// When each request is due, as an offset from the run's start instant.
///
/// A schedule is a pure sequence of offsets: the dispatcher turns offset *i* into the absolute
/// deadline `start + offset(i)`, so a late send never delays the ones after it (STYLE C5).
public protocol ArrivalSchedule: Sendable {
    /// The next request's offset from the start, or `nil` when the schedule has no more.
    mutating func nextOffset() -> Duration?
    /// A stable label such as `constant@20.00`.
    var label: String { get }
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

    public var label: String { "constant@" + String(format2: ratePerSecond) }

    public mutating func nextOffset() -> Duration? {
        // Computed from the index each time, never accumulated, so rounding cannot drift.
        let nanoseconds = (Double(index) * 1e9 / ratePerSecond).rounded()
        index += 1
        return nanoseconds < 9.2e18 ? .nanoseconds(Int64(nanoseconds)) : nil
    }
}

extension String {
    /// `value` with two decimals, without Foundation's locale-dependent formatting.
    init(format2 value: Double) {
        let scaled = (value * 100).rounded()
        let whole = Int(scaled / 100)
        let fraction = Int(abs(scaled).truncatingRemainder(dividingBy: 100))
        self = "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
