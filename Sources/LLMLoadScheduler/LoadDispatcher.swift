/// Sends requests when they are due, then drains what is in flight within a bounded grace
/// period. One run loop serves every load profile; only what makes a request due differs:
///
/// - open loop: the instants an ``ArrivalSchedule`` gives, whether or not earlier requests
///   finished;
/// - closed loop: `users` requests at the start, then one each time a request ends, after the
///   think time, so never more than `users` are in flight.
///
/// Generic over the clock so tests drive it with a manual clock (STYLE C6). Requests run as
/// children of one discarding task group; the ticker that computes deadlines is a child too,
/// so a stop request ends the ticking without touching the requests in flight. Limits, the
/// stop signal, the drain and the report are the same for both loops.
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

    public init(clock: C, limits: Limits, stop: StopSignal = StopSignal(), gauge: InFlightGauge = InFlightGauge()) {
        self.clock = clock
        self.limits = limits
        self.stop = stop
        self.gauge = gauge
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
        await run(.open(schedule), startingAt: start, send: send)
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
        precondition(users > 0, "a closed loop needs at least one user")
        let (freed, freedSink) = AsyncStream.makeStream(of: C.Instant.self, bufferingPolicy: .unbounded)
        for _ in 0..<users { freedSink.yield(start.advanced(by: .zero - thinkTime)) }
        defer { freedSink.finish() }
        return await run(.closed(freed: freed, thinkTime: thinkTime), startingAt: start, send: send) {
            // The user is free again (and no longer counted in flight): its next request is due
            // `thinkTime` from now.
            freedSink.yield(clock.now)
        }
    }

    /// What makes the next request due.
    private enum Pacing: Sendable {
        /// Each request at `start + offset` from the schedule.
        case open(any ArrivalSchedule)
        /// Each request `thinkTime` after an instant a user became free (the yielded instants).
        case closed(freed: AsyncStream<C.Instant>, thinkTime: Duration)
    }

    /// The run loop of every profile. `ended` is called after each request has ended and left
    /// the in-flight count.
    private func run(
        _ pacing: Pacing,
        startingAt start: C.Instant,
        send: @escaping @Sendable (_ index: Int, _ scheduledAt: C.Instant) async -> Void,
        ended: (@Sendable () -> Void)? = nil
    ) async -> Report {
        stop.loadStarted.set()
        let (ticks, tickContinuation) = AsyncStream.makeStream(of: Tick.self, bufferingPolicy: .unbounded)
        return await withDiscardingTaskGroup(returning: Report.self) { requests in
            requests.addTask {
                let reason = await tick(pacing, from: start, into: tickContinuation)
                tickContinuation.yield(.stopped(reason))
                tickContinuation.finish()
            }
            var stopReason = Report.StopReason.interrupted
            for await tick in ticks {
                switch tick {
                case .due(let index, let scheduledAt):
                    gauge.requestStarted()
                    requests.addTask {
                        await send(index, scheduledAt)
                        gauge.requestEnded()
                        ended?()
                    }
                case .stopped(let reason):
                    stopReason = reason
                }
            }
            let drained = await drain()
            if !drained { requests.cancelAll() }
            // A stop during the drain (Ctrl-C, SIGTERM) cut the run short too, even though
            // sending had already ended on its own: the run must not read as complete.
            if stop.isRequested { stopReason = .interrupted }
            return Report(dispatched: gauge.dispatched, stopReason: stopReason, cancelledInFlight: !drained)
        }
    }

    /// What the ticker tells the dispatching loop.
    private enum Tick: Sendable {
        case due(index: Int, scheduledAt: C.Instant)
        case stopped(Report.StopReason)
    }

    /// Yields each request when due, until a limit or a stop request.
    private func tick(
        _ pacing: Pacing,
        from start: C.Instant,
        into due: AsyncStream<Tick>.Continuation
    ) async -> Report.StopReason {
        let end = start.advanced(by: limits.duration)
        return await withTaskGroup(of: Report.StopReason.self) { group in
            group.addTask {
                var index = 0
                var next = NextDue(pacing, start: start)
                while true {
                    if let maximum = limits.maximumRequests, index >= maximum { return .requestLimitReached }
                    guard let deadline = await next.deadline() else {
                        return Task.isCancelled ? .interrupted : .scheduleExhausted
                    }
                    guard deadline < end else { return .durationReached }
                    do {
                        try await clock.sleep(until: deadline, tolerance: nil)
                    } catch {
                        return .interrupted
                    }
                    // A stop can land between the wake-up and the send.
                    if Task.isCancelled { return .interrupted }
                    due.yield(.due(index: index, scheduledAt: deadline))
                    index += 1
                }
            }
            group.addTask {
                await stop.stopSending.wait()
                return .interrupted
            }
            if case .closed = pacing {
                // A closed loop may be waiting for a user to become free when the duration
                // ends; the drain must start then, not when the next request happens to end.
                group.addTask {
                    do {
                        try await clock.sleep(until: end, tolerance: nil)
                        return .durationReached
                    } catch {
                        return .interrupted
                    }
                }
            }
            let reason = await group.next()!
            group.cancelAll()
            return reason
        }
    }

    /// The ticker's view of the pacing: the next due instant, waiting for it if needed.
    private struct NextDue {
        private var schedule: (any ArrivalSchedule)?
        private var freed: AsyncStream<C.Instant>.Iterator?
        private let thinkTime: Duration
        private let start: C.Instant

        init(_ pacing: Pacing, start: C.Instant) {
            self.start = start
            switch pacing {
            case .open(let schedule):
                self.schedule = schedule
                thinkTime = .zero
            case .closed(let freed, let thinkTime):
                self.freed = freed.makeAsyncIterator()
                self.thinkTime = thinkTime
            }
        }

        /// `nil` when the schedule has no more, or the wait for a free user was cancelled.
        mutating func deadline() async -> C.Instant? {
            if schedule != nil {
                return schedule!.nextOffset().map { start.advanced(by: $0) }
            }
            return await freed?.next().map { $0.advanced(by: thinkTime) }
        }
    }

    /// Waits until nothing is in flight, the drain timeout passes, or the user stops now.
    /// Returns `true` if everything finished on its own.
    private func drain() async -> Bool {
        let deadline = clock.now.advanced(by: limits.drainTimeout)
        return await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await gauge.waitUntilIdle()
                return !Task.isCancelled
            }
            group.addTask {
                try? await clock.sleep(until: deadline, tolerance: nil)
                return false
            }
            group.addTask {
                await stop.stopNow.wait()
                return false
            }
            let drained = await group.next()!
            group.cancelAll()
            return drained
        }
    }
}
