import LLMLoadCore

extension RunConfiguration.Load {
    /// The arrival offsets of an open-loop profile, this shard's share of them when the run is
    /// one shard of several; `nil` for the closed loop, which has none.
    public func makeArrivalSchedule() -> (any ArrivalSchedule)? {
        guard let global = makeGlobalArrivalSchedule() else { return nil }
        guard let shard = coordination?.shard else { return global }
        return ShardedSchedule(global, shard: shard)
    }

    /// The arrival offsets of the whole load, every shard's.
    public func makeGlobalArrivalSchedule() -> (any ArrivalSchedule)? {
        switch profile {
        case .constant(let rate): ConstantRateSchedule(ratePerSecond: rate)
        case .poisson(let rate, let seed): PoissonSchedule(ratePerSecond: rate, seed: seed)
        case .gamma(let rate, let k, let seed): GammaSchedule(ratePerSecond: rate, burstiness: k, seed: seed)
        case .ramp(let ramp): RampSchedule(ramp)
        case .trace(let trace): TraceSchedule(trace)
        case .closedLoop: nil
        }
    }
}
