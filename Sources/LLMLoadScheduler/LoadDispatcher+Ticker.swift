extension LoadDispatcher {
    /// Where the ticker waits for each request's instant, and where it and the loop that starts
    /// the requests run.
    ///
    /// With `clock.sleep` on Swift's global executor, every request took three threads: the
    /// timer's, a pool thread that woke the ticker and the dispatching loop, and the event loop
    /// that sends it, which the pool woke (docs/performance.md). The client passes one of its
    /// event loops and that loop's own timer: a request sent on that loop is then timed,
    /// started and sent by one thread, and one sent on another loop wakes only that loop.
    public struct Ticking: Sendable {
        /// Runs the ticker and the dispatching loop (not the requests: ``requestExecutor``).
        public var executor: any TaskExecutor
        /// Returns at the instant, or as soon as the executor is free after it; throws when the
        /// calling task is cancelled.
        public var sleep: @Sendable (C.Instant) async throws -> Void

        public init(executor: any TaskExecutor, sleep: @escaping @Sendable (C.Instant) async throws -> Void) {
            self.executor = executor
            self.sleep = sleep
        }
    }

    /// Waits until `instant` as the ticker does: with ``Ticking/sleep`` when given, else the clock.
    func sleep(until instant: C.Instant) async throws {
        if let ticking {
            try await ticking.sleep(instant)
        } else {
            try await clock.sleep(until: instant, tolerance: nil)
        }
    }

    /// What the ticker tells the dispatching loop.
    enum Tick: Sendable {
        case due(Dispatch)
        case stopped(Report.StopReason)
    }

    /// Hands each request to `due` when it is due, until a limit or a stop request.
    func tick(
        _ pacing: Pacing,
        from start: C.Instant,
        due: @escaping @Sendable (Dispatch) -> Void
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
                        try await sleep(until: deadline)
                    } catch {
                        return .interrupted
                    }
                    var dispatch = Dispatch(index: index, scheduledAt: deadline, user: next.user)
                    if next.waitsForSlots {
                        // Cancelled by a stop or the end of the duration while every slot is taken.
                        guard let freedAt = await next.freeSlot() else { return .interrupted }
                        dispatch.queueEndedAt = max(freedAt, deadline)
                    }
                    // A stop can land between the wake-up and the send. The group's cancellation
                    // comes a few jobs after the stop itself (its waiter must run, then the
                    // group): a request that ended after the stop freed a user or a slot at once,
                    // and its follower went out with no one left to end it.
                    if Task.isCancelled || stop.isRequested { return .interrupted }
                    due(dispatch)
                    index += 1
                }
            }
            group.addTask {
                await stop.stopSending.wait()
                return .interrupted
            }
            if pacing.waitsForRequestsToEnd {
                // A closed loop (or a capped open loop) may be waiting for a request to end when
                // the duration ends; the drain must start then, not when a request happens to end.
                group.addTask {
                    do {
                        // The ticker's own timer: a request due before the end is always
                        // dispatched first.
                        try await sleep(until: end)
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
}
