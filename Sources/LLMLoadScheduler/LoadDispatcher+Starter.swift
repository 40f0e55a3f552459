extension LoadDispatcher {
    /// Starts requests without a task each: the open loop's way to send when the transport can
    /// run a request by itself (llmload's own, on its event loops).
    ///
    /// A task per request cost, for each one, its creation, a hop through the stream between the
    /// ticker and the loop that adds it, a continuation to resume, and 2-3 KB of frames for as
    /// long as it is in flight (docs/performance.md). With a starter, the ticker hands each due
    /// request straight to ``start``.
    public struct Starter: Sendable {
        /// Starts one request and returns at once; calls `ended` exactly once, on any thread,
        /// when the request has ended (its record is kept by then).
        public var start: @Sendable (_ dispatch: Dispatch, _ ended: @escaping @Sendable () -> Void) -> Void
        /// Ends every request in flight, each still calling its `ended` soon after: the end of a
        /// drain that ran out of time, or a second stop.
        public var cancelAll: @Sendable () async -> Void

        public init(
            start: @escaping @Sendable (_ dispatch: Dispatch, _ ended: @escaping @Sendable () -> Void) -> Void,
            cancelAll: @escaping @Sendable () async -> Void
        ) {
            self.start = start
            self.cancelAll = cancelAll
        }
    }

    /// Runs an open-loop load as ``run(_:startingAt:send:)`` does, with the requests started by
    /// `starter` rather than each run as a task. Returns when every request has ended (or been
    /// cancelled and has ended).
    public func run(_ schedule: some ArrivalSchedule, startingAt start: C.Instant, starter: Starter) async -> Report {
        stop.loadStarted.set()
        return await withTaskExecutorPreference(ticking?.executor) {
            let gauge = self.gauge
            let stopReason = await tick(.open(schedule, slots: nil), from: start) { dispatch in
                gauge.requestStarted()
                starter.start(dispatch) { gauge.requestEnded() }
            }
            let drained = await drain()
            if !drained {
                await starter.cancelAll()
                await gauge.waitUntilIdle()
            }
            return report(stopReason, drained: drained)
        }
    }
}
