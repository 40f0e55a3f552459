import LLMLoadCore

extension RunConfiguration.Load {
    /// The arrival offsets of an open-loop profile; `nil` for the closed loop, which has none.
    public func makeArrivalSchedule() -> (any ArrivalSchedule)? {
        switch profile {
        case .constant(let rate): ConstantRateSchedule(ratePerSecond: rate)
        case .poisson(let rate, let seed): PoissonSchedule(ratePerSecond: rate, seed: seed)
        case .gamma(let rate, let k, let seed): GammaSchedule(ratePerSecond: rate, burstiness: k, seed: seed)
        case .ramp(let ramp): RampSchedule(ramp)
        case .closedLoop: nil
        }
    }
}
