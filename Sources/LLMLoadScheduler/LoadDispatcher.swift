/// Sends requests when they are due, then drains what is in flight within a bounded grace
/// period. One run loop serves every load profile; only what makes a request due differs:
///
/// - open loop: the instants an ``ArrivalSchedule`` gives, whether or not earlier requests
///   finished; with a cap on requests in flight, a request due while the cap is reached waits
///   in the client, in order, until one ends (``Dispatch/queueEndedAt``);
/// - closed loop: `users` requests at the start, then one each time a request ends, after the
///   think time, so never more than `users` are in flight.
///
/// Generic over the clock so tests drive it with a manual clock (STYLE C6). Requests run as
/// children of one discarding task group, or, in an open loop without a cap, are handed to a
/// ``Starter`` that runs them without a task; the ticker that computes deadlines is a child
/// task, so a stop request ends the ticking without touching the requests in flight. Limits,
/// the stop signal, the drain and the report are the same for every profile.
public struct LoadDispatcher<C: Clock>: Sendable where C.Duration == Duration {
    /// When to stop sending and how long to wait for stragglers.
    public struct Limits: Sendable {
        /// Requests due at or after `start + duration` are not sent.
        public var duration: Duration
        /// At most this many requests; `nil` for no limit.
        public var maximumRequests: Int?
        /// After the last send, in-flight requests get this long before they are cancelled.
        public var drainTimeout: Duration

        public init(duration: Duration, maximumRequests: Int? = nil, drainTimeout: Duration) {
            self.duration = duration
            self.maximumRequests = maximumRequests
            self.drainTimeout = drainTimeout
        }
    }

    /// Why sending stopped, and how the drain ended.
    public struct Report: Sendable, Equatable {
        public enum StopReason: String, Sendable {
            case durationReached = "duration_reached"
            case requestLimitReached = "request_limit_reached"
            case scheduleExhausted = "schedule_exhausted"
            case interrupted
        }

        public var dispatched: Int
        public var stopReason: StopReason
        /// `true` when requests were still in flight at the end of the drain (or at a hard
        /// stop) and were cancelled.
        public var cancelledInFlight: Bool

        public init(dispatched: Int, stopReason: StopReason, cancelledInFlight: Bool) {
            self.dispatched = dispatched
            self.stopReason = stopReason
            self.cancelledInFlight = cancelledInFlight
        }
    }

    public let clock: C
    public let limits: Limits
    public let stop: StopSignal
    public let gauge: InFlightGauge
    /// Where request `index`'s task runs (the transport's event loop); `nil`: the global executor.
    public let requestExecutor: (@Sendable (Int) -> (any TaskExecutor)?)?
    /// Where the dispatcher's own tasks run and how they wait for a request's instant; `nil`:
    /// Swift's global executor and `clock.sleep`.
    public let ticking: Ticking?

    public init(
        clock: C, limits: Limits, stop: StopSignal = StopSignal(), gauge: InFlightGauge = InFlightGauge(),
        requestExecutor: (@Sendable (Int) -> (any TaskExecutor)?)? = nil, ticking: Ticking? = nil
    ) {
        self.clock = clock
        self.limits = limits
        self.stop = stop
        self.gauge = gauge
        self.requestExecutor = requestExecutor
        self.ticking = ticking
    }

    /// One request, as the dispatcher hands it to `send`.
    public struct Dispatch: Sendable {
        /// Position in the run's schedule, from 0.
        public var index: Int
        /// When the load model intended the request to go out.
        public var scheduledAt: C.Instant
        /// With a cap on requests in flight: when the request left the client's queue, which is
        /// `scheduledAt` when a slot was free then, else the end of the request whose slot it
        /// took (the instant that request's `send` returned). `nil` without a cap.
        public var queueEndedAt: C.Instant?
        /// Closed loop: the user sending it, from 0; that user's previous request has ended
        /// (a conversation's next turn follows its last answer). `nil` in an open loop.
        public var user: Int?

        public init(index: Int, scheduledAt: C.Instant, queueEndedAt: C.Instant? = nil, user: Int? = nil) {
            self.index = index
            self.scheduledAt = scheduledAt
            self.queueEndedAt = queueEndedAt
            self.user = user
        }
    }

    /// Runs an open-loop load. Returns when every request has ended (or been cancelled).
    /// - Parameters:
    ///   - schedule: the arrival offsets.
    ///   - start: the instant offsets count from.
    ///   - send: performs one request; must not throw and must finish when cancelled.
    public func run(
        _ schedule: some ArrivalSchedule,
        startingAt start: C.Instant,
        send: @escaping @Sendable (_ index: Int, _ scheduledAt: C.Instant) async -> Void
    ) async -> Report {
        await run(.open(schedule, slots: nil), startingAt: start) { dispatch in
            await send(dispatch.index, dispatch.scheduledAt)
            return nil
        }
    }

    /// Runs an open-loop load with at most `maximumInFlight` requests in flight (none: no cap).
    /// A request due while the cap is reached waits in the client, in order, until a request
    /// ends; sending stops at the end of the duration even if requests are still waiting (they
    /// are not sent). Returns when every request has ended (or been cancelled).
    /// - Parameters:
    ///   - schedule: the arrival offsets.
    ///   - maximumInFlight: the cap, at least 1; `nil` for none.
    ///   - start: the instant offsets count from.
    ///   - send: performs one request and returns the instant it ended, which is when its slot
    ///     was freed for the next; must not throw and must finish when cancelled.
    public func run(
        _ schedule: some ArrivalSchedule,
        maximumInFlight: Int?,
        startingAt start: C.Instant,
        send: @escaping @Sendable (Dispatch) async -> C.Instant
    ) async -> Report {
        guard let maximumInFlight else { return await run(.open(schedule, slots: nil), startingAt: start, send: send) }
        precondition(maximumInFlight > 0, "a cap on requests in flight must be at least 1")
        // Each slot as the instant it became free: the free ones at the start.
        let (freed, freedSink) = AsyncStream.makeStream(of: C.Instant.self, bufferingPolicy: .unbounded)
        for _ in 0..<maximumInFlight { freedSink.yield(start) }
        defer { freedSink.finish() }
        return await run(.open(schedule, slots: freed), startingAt: start, send: send) { _, endedAt in
            freedSink.yield(endedAt ?? clock.now)
        }
    }

    /// Runs a closed-loop load: `users` requests at `start`, then each user's next request
    /// `thinkTime` after its last one ended. Returns when every request has ended (or been
    /// cancelled).
    /// - Parameters:
    ///   - users: how many requests may be in flight; at least 1.
    ///   - thinkTime: the pause between the end of a user's request and its next one.
    ///   - start: the instant the first requests are due, and `duration` counts from.
    ///   - send: performs one request; must not throw and must finish when cancelled.
    public func runClosedLoop(
        users: Int,
        thinkTime: Duration = .zero,
        startingAt start: C.Instant,
        send: @escaping @Sendable (_ index: Int, _ scheduledAt: C.Instant) async -> Void
    ) async -> Report {
        await runClosedLoop(users: users, thinkTime: thinkTime, startingAt: start) { (dispatch: Dispatch) in
            await send(dispatch.index, dispatch.scheduledAt)
        }
    }

    /// Runs a closed-loop load as the method above does, telling `send` which user sends each
    /// request (``Dispatch/user``): a user's next request is handed over only after its
    /// previous one's `send` returned.
    public func runClosedLoop(
        users: Int,
        thinkTime: Duration = .zero,
        startingAt start: C.Instant,
        send: @escaping @Sendable (Dispatch) async -> Void
    ) async -> Report {
        precondition(users > 0, "a closed loop needs at least one user")
        let (freed, freedSink) = AsyncStream.makeStream(of: FreedUser.self, bufferingPolicy: .unbounded)
        for user in 0..<users { freedSink.yield(FreedUser(at: start.advanced(by: .zero - thinkTime), user: user)) }
        defer { freedSink.finish() }
        return await run(
            .closed(freed: freed, thinkTime: thinkTime), startingAt: start,
            send: { dispatch in
                await send(dispatch)
                return nil
            },
            ended: { dispatch, _ in
                // The user is free again (and no longer counted in flight): its next request is
                // due `thinkTime` from now.
                freedSink.yield(FreedUser(at: clock.now, user: dispatch.user ?? 0))
            })
    }

    /// The run loop of every profile. `ended` is called with each request and what `send`
    /// returned after the request has ended and left the in-flight count.
    private func run(
        _ pacing: Pacing,
        startingAt start: C.Instant,
        send: @escaping @Sendable (Dispatch) async -> C.Instant?,
        ended: (@Sendable (Dispatch, C.Instant?) -> Void)? = nil
    ) async -> Report {
        stop.loadStarted.set()
        let (ticks, tickContinuation) = AsyncStream.makeStream(of: Tick.self, bufferingPolicy: .unbounded)
        // The ticker and the drain's tasks, children of the group, inherit the preference.
        return await withTaskExecutorPreference(ticking?.executor) {
            await dispatchAll(pacing, startingAt: start, ticks: ticks, tickContinuation, send: send, ended: ended)
        }
    }

    /// The run loop's body: the ticker as a child task, a child task per request it yields.
    private func dispatchAll(
        _ pacing: Pacing,
        startingAt start: C.Instant,
        ticks: AsyncStream<Tick>,
        _ tickContinuation: AsyncStream<Tick>.Continuation,
        send: @escaping @Sendable (Dispatch) async -> C.Instant?,
        ended: (@Sendable (Dispatch, C.Instant?) -> Void)?
    ) async -> Report {
        await withDiscardingTaskGroup(returning: Report.self) { requests in
            requests.addTask {
                let reason = await tick(pacing, from: start) { tickContinuation.yield(.due($0)) }
                tickContinuation.yield(.stopped(reason))
                tickContinuation.finish()
            }
            var stopReason = Report.StopReason.interrupted
            for await tick in ticks {
                switch tick {
                case .due(let dispatch):
                    gauge.requestStarted()
                    requests.addTask(executorPreference: requestExecutor?(dispatch.index)) {
                        let endedAt = await send(dispatch)
                        gauge.requestEnded()
                        ended?(dispatch, endedAt)
                    }
                case .stopped(let reason):
                    stopReason = reason
                }
            }
            let drained = await drain()
            if !drained { requests.cancelAll() }
            return report(stopReason, drained: drained)
        }
    }

    /// The report of a run whose sending stopped for `reason` and whose drain ended.
    func report(_ reason: Report.StopReason, drained: Bool) -> Report {
        // A stop during the drain (Ctrl-C, SIGTERM) cut the run short too, even though sending
        // had already ended on its own: the run must not read as complete.
        Report(
            dispatched: gauge.dispatched, stopReason: stop.isRequested ? .interrupted : reason,
            cancelledInFlight: !drained)
    }
}
