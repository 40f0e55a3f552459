/// How requests are paced: one of the open-loop arrival patterns, or a closed loop of users.
///
/// Open loop (`constant`, `poisson`, `ramp`): each request has a due instant fixed in advance,
/// whether or not earlier requests have finished. Closed loop: `users` requests are in flight
/// at most; each user sends its next request when its last one ended, after `thinkTime`.
public enum LoadProfile: Sendable, Equatable {
    /// Request *i* due at *i* / rate.
    case constant
    /// Exponential gaps at the mean rate, drawn from a generator seeded with `seed`, so a run
    /// repeats exactly.
    case poisson(seed: UInt64)
    /// The rate rises (or falls) linearly, then holds at the end rate.
    case ramp(RateRamp)
    /// `users` concurrent users, each waiting `thinkTime` between its requests.
    case closedLoop(users: Int, thinkTime: Duration)

    /// The seed Poisson arrivals use unless one is given, so two runs offer the same load.
    public static let defaultSeed: UInt64 = 42

    /// `true` for the closed loop, where no rate is offered.
    public var isClosedLoop: Bool {
        if case .closedLoop = self { true } else { false }
    }
}

extension RunConfiguration.Load {
    /// The Poisson seed, for outputs; `nil` for the other profiles.
    public var poissonSeed: UInt64? {
        if case .poisson(let seed) = profile { seed } else { nil }
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
