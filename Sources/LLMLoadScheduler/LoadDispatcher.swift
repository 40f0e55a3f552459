/// Sends requests at the instants an ``ArrivalSchedule`` gives, whether or not earlier ones
/// finished (open loop), then drains what is in flight within a bounded grace period.
///
/// Generic over the clock so tests drive it with a manual clock (STYLE C6). Requests run as
/// children of one discarding task group; the ticker that computes deadlines is a child too,
/// so a stop request ends the ticking without touching the requests in flight.
public struct OpenLoopDispatcher<C: Clock>: Sendable where C.Duration == Duration {
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

    /// Runs the load. Returns when every request has ended (or been cancelled).
    /// - Parameters:
    ///   - schedule: the arrival offsets.
    ///   - start: the instant offsets count from.
    ///   - send: performs one request; must not throw and must finish when cancelled.
    public func run(
        _ schedule: some ArrivalSchedule,
        startingAt start: C.Instant,
        send: @escaping @Sendable (_ index: Int, _ scheduledAt: C.Instant) async -> Void
    ) async -> Report {
        let (ticks, tickContinuation) = AsyncStream.makeStream(of: Tick.self, bufferingPolicy: .unbounded)
        return await withDiscardingTaskGroup(returning: Report.self) { requests in
            requests.addTask {
                let reason = await tick(schedule, from: start, into: tickContinuation)
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
                    }
                case .stopped(let reason):
                    stopReason = reason
                }
            }
            let drained = await drain()
            if !drained { requests.cancelAll() }
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
        _ schedule: some ArrivalSchedule,
        from start: C.Instant,
        into due: AsyncStream<Tick>.Continuation
    ) async -> Report.StopReason {
        await withTaskGroup(of: Report.StopReason.self) { group in
            group.addTask {
                var schedule = schedule
                var index = 0
                while true {
                    if let maximum = limits.maximumRequests, index >= maximum { return .requestLimitReached }
                    guard let offset = schedule.nextOffset() else { return .scheduleExhausted }
                    guard offset < limits.duration else { return .durationReached }
                    let deadline = start.advanced(by: offset)
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
            let reason = await group.next()!
            group.cancelAll()
            return reason
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
