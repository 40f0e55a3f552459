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
        start(request, onEventLoop: index, cancellation: nil, completion: completion)
    }

    /// Cancels every request ``start(_:onEventLoop:completion:)`` began and has not ended, and
    /// every one it is asked to send from now on: each completes as cancelled. For the end of
    /// a drain that ran out of time; returns once every loop has done it.
    public func cancelInFlight() async {
        for pool in pools {
            try? await pool.loop.submit { pool.cancelAll() }.get()
        }
    }

    /// The one way a request is sent, by ``start(_:onEventLoop:completion:)`` and by
    /// ``execute(_:)`` (which passes the `cancellation` its task's cancel sets).
    func start(
        _ request: OutgoingRequest, onEventLoop index: Int, cancellation: AttemptCancellation?,
        completion: @escaping @Sendable (ExchangeOutcome) -> Void
    ) {
        let pool = pools[index]
        // One deadline for every send: a resent request does not get a fresh timeout.
        let deadline = NIODeadline.now() + .nanoseconds(request.timeout.nanoseconds)
        if pool.loop.inEventLoop {
            attempt(
                request, on: pool, number: 1, deadline: deadline, cancellation: cancellation, completion: completion)
        } else {
            pool.loop.execute {
                attempt(
                    request, on: pool, number: 1, deadline: deadline, cancellation: cancellation,
                    completion: completion)
            }
        }
    }

    /// One send of a request, and the next if its connection closed before any byte of an
    /// answer: servers close idle keep-alive connections on their own schedule, and a request
    /// written as that happens never reached the server. On `pool`'s loop.
    private func attempt(
        _ request: OutgoingRequest, on pool: ConnectionPool, number: Int, deadline: NIODeadline,
        cancellation: AttemptCancellation?, completion: @escaping @Sendable (ExchangeOutcome) -> Void
    ) {
        let exchange: any ExchangeEvents
        switch makeExchange(request, deadline: deadline) {
        case .success(let built): exchange = built
        case .failure(let unbuilt):
            return completion(ExchangeOutcome(record: unbuilt.record, closedBeforeAnswer: false))
        }
        cancellation?.current = exchange
        if cancellation?.isCancelled == true { exchange.cancel() }
        pool.start(exchange) { outcome in
            outcome.record.resentOnClosedConnection = number > 1
            let isCancelled = pool.isCancelled || cancellation?.isCancelled == true
            if outcome.closedBeforeAnswer && number < Self.attemptsOnClosedConnection && !isCancelled
                && NIODeadline.now() < deadline
            {
                attempt(
                    request, on: pool, number: number + 1, deadline: deadline, cancellation: cancellation,
                    completion: completion)
            } else {
                cancellation?.current = nil
                completion(outcome)
            }
        }
    }

    /// Sends of one request when its connection keeps closing before an answer.
    static let attemptsOnClosedConnection = 3
}

/// What the task waiting in ``HTTPInferenceClient/execute(_:)`` cancels: the exchange of its
/// current attempt, and any later one.
///
/// `@unchecked Sendable`: made by the task, then touched only on the pool's loop (the attempts,
/// and the cancel through `EventLoop.execute`).
final class AttemptCancellation: @unchecked Sendable {
    var current: (any ExchangeEvents)?
    private(set) var isCancelled = false

    func cancel() {
        isCancelled = true
        current?.cancel()
    }
}
