/// How requests are paced, with the rate that belongs to the pattern inside it, so a profile
/// can never carry a rate it does not use.
///
/// Open loop (`constant`, `poisson`, `gamma`, `ramp`, `trace`): each request has a due instant fixed in advance,
/// whether or not earlier requests have finished. Closed loop: `users` requests are in flight
/// at most; each user sends its next request when its last one ended, after `thinkTime`.
public enum LoadProfile: Sendable, Equatable {
    /// Request *i* due at *i* / rate.
    case constant(ratePerSecond: Double)
    /// Exponential gaps at the mean rate, drawn from a generator seeded with `seed`, so a run
    /// repeats exactly.
    case poisson(ratePerSecond: Double, seed: UInt64)
    /// Gamma-distributed gaps of shape `burstiness` at the mean rate (1 is Poisson, smaller is
    /// burstier), drawn from a generator seeded with `seed`.
    case gamma(ratePerSecond: Double, burstiness: Double, seed: UInt64)
    /// The rate rises (or falls) linearly, then holds at the end rate.
    case ramp(RateRamp)
    /// `users` concurrent users, each waiting `thinkTime` between its requests.
    case closedLoop(users: Int, thinkTime: Duration)
    /// Each request at its instant in a recorded trace (`--trace`), with the trace's prompt and
    /// answer lengths; the run ends with the trace.
    case trace(Trace)

    /// The seed Poisson and gamma arrivals use unless one is given, so two runs offer the same load.
    public static let defaultSeed: UInt64 = 42

    /// The highest rate the schedule reaches (a ramp's larger end); `nil` for the closed loop.
    public var peakRatePerSecond: Double? {
        switch self {
        case .constant(let rate), .poisson(let rate, _), .gamma(let rate, _, _): rate
        case .ramp(let ramp): max(ramp.startPerSecond, ramp.endPerSecond)
        case .trace(let trace): trace.peakRatePerSecond
        case .closedLoop: nil
        }
    }

    /// The pattern label of outputs: `constant@5.00`, `poisson@5.00`, `gamma@5.00(k=0.5)`,
    /// `ramp@10.00-500.00/60s`, `concurrency@8` or `trace@mooncake.jsonl` (`trace@mooncake.jsonl(x2)`
    /// replayed twice as fast). A gamma label carries its shape, so runs (and
    /// sweep points) of different burstiness never read as the same pattern.
    public var label: String {
        switch self {
        case .constant(let rate): "constant@" + RateRamp.twoDecimals(rate)
        case .poisson(let rate, _): "poisson@" + RateRamp.twoDecimals(rate)
        case .gamma(let rate, let k, _): "gamma@" + RateRamp.twoDecimals(rate) + "(k=\(k))"
        case .ramp(let ramp): "ramp@" + ramp.description
        case .closedLoop(let users, _): "concurrency@\(users)"
        case .trace(let trace): "trace@" + trace.fileName + (trace.speed == 1 ? "" : "(x\(trace.speed))")
        }
    }
}

extension RunConfiguration.Load {
    /// The seed of Poisson or gamma arrivals, for outputs; `nil` for the other profiles.
    public var arrivalSeed: UInt64? {
        switch profile {
        case .poisson(_, let seed), .gamma(_, _, let seed): seed
        case .constant, .ramp, .closedLoop, .trace: nil
        }
    }

    /// The replayed trace; `nil` for the other profiles.
    public var trace: Trace? {
        if case .trace(let trace) = profile { trace } else { nil }
    }

    /// The gamma arrivals' shape, for outputs; `nil` for the other profiles.
    public var burstiness: Double? {
        if case .gamma(_, let k, _) = profile { k } else { nil }
    }

    /// The closed loop's number of users, for outputs; `nil` for the open-loop profiles.
    public var closedLoopUsers: Int? {
        if case .closedLoop(let users, _) = profile { users } else { nil }
    }

    /// The closed loop's think time, for outputs; `nil` for the open-loop profiles.
    public var closedLoopThinkTime: Duration? {
        if case .closedLoop(_, let thinkTime) = profile { thinkTime } else { nil }
    }
}
