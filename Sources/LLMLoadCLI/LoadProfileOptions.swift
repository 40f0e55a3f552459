import ArgumentParser
import LLMLoadCore

/// The load-profile flags of `llmload run`: how requests are paced, and at what rate.
struct LoadProfileOptions: ParsableArguments {
    /// Open-loop arrival patterns at a fixed mean rate.
    enum Arrival: String, ExpressibleByArgument, CaseIterable {
        case constant, poisson, gamma

        /// Whether the arrivals are drawn from a seeded generator.
        var isRandom: Bool { self != .constant }
    }

    @Option(
        name: [.customLong("qps"), .customLong("rate")],
        help: "Requests per second (any positive number), open loop. Default: 1."
    )
    var qps: Double?

    @Option(
        help: """
            Open-loop arrivals at --qps: constant (evenly spaced), poisson (exponential gaps, seeded) or \
            gamma (gamma gaps of shape --burstiness, seeded).
            """)
    var arrival: Arrival = .constant

    @Option(help: "Seed of --arrival poisson or gamma; the same seed sends at the same instants. Default: 42.")
    var arrivalSeed: UInt64?

    @Option(
        help: ArgumentHelp(
            "With --arrival gamma: the gaps' shape k, any positive number; 1 is Poisson, smaller is burstier.",
            discussion: "The mean rate stays --qps; the gaps' coefficient of variation is 1/√k.",
            valueName: "k"
        )
    )
    var burstiness: Double?

    @Option(
        help: ArgumentHelp(
            "Open loop: at most this many requests in flight; requests due meanwhile wait in the client, in order.",
            discussion: """
                Each request's wait is recorded as client_queue_ms, apart from the schedule lag (which then \
                counts from the end of the wait) and from the server's latency. Requests still waiting when \
                --duration ends are not sent.
                """,
            valueName: "n"
        )
    )
    var maxInFlight: Int?

    @Option(help: "Closed loop: this many users, each sending its next request when its last one ended.")
    var concurrency: Int?

    @Option(help: "With --concurrency: each user's pause between the end of a request and its next one.")
    var thinkTime: DurationArgument?

    @Option(
        help: ArgumentHelp(
            "With --concurrency: each user holds conversations of N turns, sending each turn with the whole history.",
            discussion: """
                Turn k+1 carries the earlier user turns and the server's actual answers, after --think-time; a \
                user then starts a new conversation. The user turns are the next prompts in order, or a \
                ShareGPT/JSONL file's own conversations (at most N of their user turns; the recorded answers \
                are replaced by the server's). A failed turn ends its conversation. Chat APIs only (a detected \
                Ollama server is driven through /api/chat); requests.csv gets conversation and turn columns, \
                summary.json TTFT by turn.
                """,
            valueName: "n"
        )
    )
    var turns: Int?

    @Option(
        help: ArgumentHelp(
            "Open loop with a rate changing linearly, as START-END/SPAN in req/s, such as 10-500/60s.",
            discussion: "After SPAN the rate holds at END until --duration ends.",
            valueName: "start-end/span"
        )
    )
    var ramp: RampArgument?

    /// The most turns a conversation may have: its history is sent whole with every turn.
    static let maximumTurns = 1000

    /// Checks the flags against each other.
    func validate() throws {
        if let qps {
            guard qps.isFinite && qps > 0 else { throw ValidationError("--qps must be a positive number, got \(qps)") }
            try OptionBounds.check("--qps", qps, atMost: OptionBounds.maximumRatePerSecond)
        }
        if let concurrency {
            guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1") }
            try OptionBounds.check("--concurrency", concurrency, atMost: OptionBounds.maximumConcurrency)
            if qps != nil { throw ValidationError("--qps and --concurrency exclude each other (open and closed loop)") }
            if arrival.isRandom {
                throw ValidationError("--arrival \(arrival.rawValue) needs an open loop (--qps), not --concurrency")
            }
            if ramp != nil { throw ValidationError("--ramp and --concurrency exclude each other") }
        }
        if let ramp {
            let highest = max(ramp.ramp.startPerSecond, ramp.ramp.endPerSecond)
            try OptionBounds.check("--ramp's rate", highest, atMost: OptionBounds.maximumRatePerSecond)
            try OptionBounds.check("--ramp's span", ramp.ramp.span)
            if qps != nil { throw ValidationError("--ramp and --qps exclude each other (the ramp sets the rate)") }
            if arrival.isRandom {
                throw ValidationError("--ramp sends at constant spacing; drop --arrival \(arrival.rawValue)")
            }
        }
        if let maxInFlight {
            guard maxInFlight >= 1 else { throw ValidationError("--max-in-flight must be at least 1") }
            try OptionBounds.check("--max-in-flight", maxInFlight, atMost: OptionBounds.maximumConcurrency)
            if concurrency != nil {
                throw ValidationError(
                    "--max-in-flight caps an open loop (--qps, --ramp); --concurrency is a closed loop already capped at N"
                )
            }
        }
        if let thinkTime {
            guard concurrency != nil else { throw ValidationError("--think-time needs --concurrency") }
            guard thinkTime.duration >= .zero else { throw ValidationError("--think-time must be zero or more") }
            try OptionBounds.check("--think-time", thinkTime.duration)
        }
        if let turns {
            guard turns >= 1 else { throw ValidationError("--turns must be at least 1") }
            try OptionBounds.check("--turns", turns, atMost: Self.maximumTurns)
            // An open loop fixes every send instant in advance; a turn can only follow its answer.
            guard concurrency != nil else {
                throw ValidationError(
                    "--turns needs --concurrency (a closed loop; not in a sweep yet): each turn follows the answer to the last"
                )
            }
        }
        if arrivalSeed != nil && !arrival.isRandom {
            throw ValidationError("--arrival-seed needs --arrival poisson or gamma")
        }
        try validateBurstiness()
    }

    /// `--burstiness` goes with `--arrival gamma`, and gamma needs it: a shape is what it is.
    private func validateBurstiness() throws {
        guard let burstiness else {
            if arrival == .gamma { throw ValidationError("--arrival gamma needs --burstiness K (1 is Poisson)") }
            return
        }
        guard arrival == .gamma else { throw ValidationError("--burstiness needs --arrival gamma") }
        guard burstiness.isFinite && burstiness > 0 else {
            throw ValidationError("--burstiness must be a positive number (the gamma shape k), got \(burstiness)")
        }
    }

    /// The profile the flags describe: the closed loop, a ramp, or arrivals at `--qps` (default 1).
    var profile: LoadProfile {
        if let concurrency { return .closedLoop(users: concurrency, thinkTime: thinkTime?.duration ?? .zero) }
        if let ramp { return .ramp(ramp.ramp) }
        let rate = qps ?? 1
        switch arrival {
        case .constant: return .constant(ratePerSecond: rate)
        case .poisson: return .poisson(ratePerSecond: rate, seed: arrivalSeed ?? LoadProfile.defaultSeed)
        case .gamma:
            return .gamma(
                ratePerSecond: rate, burstiness: burstiness ?? 1, seed: arrivalSeed ?? LoadProfile.defaultSeed)
        }
    }
}

/// `--ramp START-END/SPAN`: rates in requests per second, the span a duration (`60s`, `2m`).
struct RampArgument: ExpressibleByArgument, Sendable {
    var ramp: RateRamp

    init?(argument: String) {
        guard let ramp = RateRamp(description: argument) else { return nil }
        self.ramp = ramp
    }

    var defaultValueDescription: String { ramp.description }
}
