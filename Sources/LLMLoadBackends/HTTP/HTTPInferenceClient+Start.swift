import NIOCore

extension HTTPInferenceClient {
    /// Sends `request` on event loop `index` (`0..<eventLoopCount`) as ``execute(_:)`` does, but
    /// without a task: `completion` is called once, on that loop, with the outcome. Called on
    /// that loop, it hands the request to the loop's pool before it returns.
    ///
    /// The load's open loop sends this way: a task per request (its creation, its frames while it
    /// waits, the continuation that resumes it) cost CPU and memory for every request in
    /// flight (docs/performance.md). ``cancelInFlight()`` cancels what this started.
    public func start(
        _ request: OutgoingRequest, onEventLoop index: Int,
        completion: @escaping @Sendable (ExchangeOutcome) -> Void
    ) {
        let pool = pools[index]
        let deadline = NIODeadline.now() + .nanoseconds(request.timeout.nanoseconds)
        if pool.loop.inEventLoop {
            attempt(request, on: pool, number: 1, deadline: deadline, completion: completion)
        } else {
            pool.loop.execute {
                attempt(request, on: pool, number: 1, deadline: deadline, completion: completion)
            }
        }
    }

    /// Cancels every request ``start(_:onEventLoop:completion:)`` began and has not ended, and
    /// every one it is asked to send from now on: each completes as cancelled. For the end of
    /// a drain that ran out of time; returns once every loop has done it.
    public func cancelInFlight() async {
        for pool in pools {
            try? await pool.loop.submit { pool.cancelAll() }.get()
        }
    }

    /// One send of a ``start(_:onEventLoop:completion:)`` request, and the next if its
    /// connection closed before an answer. On `pool`'s loop.
    private func attempt(
        _ request: OutgoingRequest, on pool: ConnectionPool, number: Int, deadline: NIODeadline,
        completion: @escaping @Sendable (ExchangeOutcome) -> Void
    ) {
        let exchange: any ExchangeEvents
        switch makeExchange(request, deadline: deadline) {
        case .success(let built): exchange = built
        case .failure(let unbuilt):
            return completion(ExchangeOutcome(record: unbuilt.record, closedBeforeAnswer: false))
        }
        pool.start(exchange) { outcome in
            outcome.record.resentOnClosedConnection = number > 1
            if Self.sendsAgain(outcome, after: number, deadline: deadline, isCancelled: pool.isCancelled) {
                attempt(request, on: pool, number: number + 1, deadline: deadline, completion: completion)
            } else {
                completion(outcome)
            }
        }
    }
}
