import ArgumentParser
import LLMLoadCore

/// How long `llmload run` sends, what it leaves out as warm-up, and how it ends. How requests
/// are paced is ``LoadProfileOptions``.
struct LoadOptions: ParsableArguments {
    @Option(
        name: .shortAndLong,
        help: "How long to send requests: seconds, or 500ms, 10s, 5m, 1h. Default: 10s; with --trace, the whole trace.")
    var duration: DurationArgument?

    /// `--duration`, or its default of 10 s.
    var sendingDuration: Duration { duration?.duration ?? .seconds(10) }

    @Option(help: "Stop after this many requests, even if --duration has not passed.")
    var requests: Int?

    @Option(help: "Send at the same rate for this long first, and leave those requests out of every statistic.")
    var warmup: DurationArgument?

    @Option(help: "Send this many requests first, and leave them out of every statistic.")
    var warmupRequests: Int?

    @Option(
        help: ArgumentHelp(
            "After the last send, how long requests in flight may take before they are cancelled.",
            discussion: "Default: the request timeout, so no request is cut short and left out of the figures."
        )
    )
    var drainTimeout: DurationArgument?

    @Option(
        help: ArgumentHelp(
            "After SIGTERM, how long requests in flight may finish before they are cancelled.",
            discussion: "Kept well inside the 10–30 s a container runtime waits before SIGKILL, so results are written."
        )
    )
    var termGrace: DurationArgument = .init(.seconds(5))

    @Option(
        help: ArgumentHelp(
            "Send only shard i of N of the load's schedule (i/N, from 0): requests i, i+N, i+2N, ….",
            discussion: "Run N processes, one per shard, on as many machines, with the same options and --start-at; "
                + "each writes its own run folder; `llmload merge` makes them one run. Needs --start-at."
        ),
        transform: { text in try Shard(parsing: text) }
    )
    var shard: Shard?

    @Option(
        help: ArgumentHelp(
            "Start the schedule at this wall-clock instant: RFC 3339 (2026-12-01T18:00:00Z) or seconds since 1970.",
            discussion: "Every shard's schedule starts at the same instant; leave a few seconds for the checks."
        )
    )
    var startAt: StartTimeArgument?

    func validate() throws {
        if let duration, duration.duration <= .zero { throw ValidationError("--duration must be positive") }
        if let requests, requests < 1 { throw ValidationError("--requests must be at least 1") }
        if warmup != nil && warmupRequests != nil {
            throw ValidationError("--warmup and --warmup-requests exclude each other")
        }
        if let warmup, warmup.duration <= .zero { throw ValidationError("--warmup must be positive") }
        if let warmupRequests, warmupRequests < 1 { throw ValidationError("--warmup-requests must be at least 1") }
        if let drainTimeout, drainTimeout.duration < .zero {
            throw ValidationError("--drain-timeout must be zero or more")
        }
        guard termGrace.duration >= .zero else { throw ValidationError("--term-grace must be zero or more") }
        if shard != nil {
            guard startAt != nil else {
                throw ValidationError(
                    "--shard needs --start-at, so that every shard starts the schedule at the same instant")
            }
        }
        if let startAt, startAt.date.timeIntervalSinceNow <= 0 {
            throw ValidationError("--start-at is in the past: give a time a few seconds ahead")
        }
        // Absurd numbers (a warm-up of centuries) are refused here, before the run folder is
        // created, rather than trapping or queueing for ever.
        try OptionBounds.check("--requests", requests, atMost: OptionBounds.maximumRequests)
        try OptionBounds.check("--warmup-requests", warmupRequests, atMost: OptionBounds.maximumRequests)
        for (option, value) in [
            ("--duration", duration?.duration), ("--drain-timeout", drainTimeout?.duration),
            ("--warmup", warmup?.duration), ("--term-grace", termGrace.duration),
        ] {
            try OptionBounds.check(option, value)
        }
    }

    /// The checks that need the profile: throws if `--concurrency` or `--max-in-flight` leaves a
    /// shard without a user or a slot,
    /// or `--warmup-requests` would take longer than the longest accepted duration at the rate
    /// `profile` sends.
    func check(against profile: LoadProfileOptions) throws {
        if let count = shard?.count {
            if let users = profile.concurrency, users < count {
                throw ValidationError(
                    "--concurrency \(users) leaves some of the \(count) shards without a user: use at least \(count)")
            }
            if let cap = profile.maxInFlight, cap < count {
                throw ValidationError(
                    "--max-in-flight \(cap) is the whole load's cap, shared by the \(count) shards: use at least \(count)"
                )
            }
        }
        guard let warmupRequests else { return }
        let seconds = configuration(profile: profile, requestTimeout: .zero).warmupSeconds
        guard seconds.isFinite, seconds <= OptionBounds.maximumDuration.seconds else {
            throw ValidationError(
                "--warmup-requests \(warmupRequests) would take longer than 30 days at this rate: send fewer or faster")
        }
    }

    /// The load: these limits, paced by `profile`; the drain lasts `requestTimeout` unless
    /// `--drain-timeout` says otherwise.
    func configuration(profile: LoadProfileOptions, requestTimeout: Duration) -> RunConfiguration.Load {
        RunConfiguration.Load(
            profile: profile.profile, duration: sendingDuration, maximumRequests: requests,
            drainTimeout: drainTimeout?.duration ?? requestTimeout,
            warmup: warmup.map { .duration($0.duration) } ?? warmupRequests.map { .requests($0) },
            maximumInFlight: profile.maxInFlight,
            coordination: startAt.map { .init(shard: shard ?? .whole, startsAt: $0.date) },
            conversationTurns: profile.turns
        )
    }
}
