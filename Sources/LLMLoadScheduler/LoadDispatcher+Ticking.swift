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
}
