import LLMLoadCore

/// Open loop with a linearly changing rate (``RateRamp``): request *i* is due where the
/// expected count of arrivals reaches *i*, computed per request from the closed-form inverse.
public struct RampSchedule: ArrivalSchedule {
    public let ramp: RateRamp
    private var index = 0

    public init(_ ramp: RateRamp) {
        self.ramp = ramp
    }

    public mutating func nextOffset() -> Duration? {
        let nanoseconds = (ramp.arrivalSeconds(Double(index)) * 1e9).rounded()
        index += 1
        return nanoseconds < 9.2e18 ? .nanoseconds(Int64(nanoseconds)) : nil
    }
}
