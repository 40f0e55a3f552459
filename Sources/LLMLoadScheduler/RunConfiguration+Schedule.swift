import LLMLoadCore

extension RunConfiguration.Load {
    /// The arrival offsets of an open-loop profile; `nil` for the closed loop, which has none.
    public func makeArrivalSchedule() -> (any ArrivalSchedule)? {
        switch profile {
        case .constant: ConstantRateSchedule(ratePerSecond: ratePerSecond)
        case .poisson(let seed): PoissonSchedule(ratePerSecond: ratePerSecond, seed: seed)
        case .ramp(let ramp): RampSchedule(ramp)
        case .closedLoop: nil
        }
    }

    /// The pattern label of outputs: `constant@5.00`, `poisson@5.00`, `ramp@10.00-500.00/60s`
    /// or `concurrency@8`.
    public var patternLabel: String {
        if case .closedLoop(let users, _) = profile { return "concurrency@\(users)" }
        return makeArrivalSchedule()?.label ?? ""
    }
}
