import Synchronization

/// Counts requests in flight and dispatched, for the drain and for live progress.
/// Held for a few instructions per request (STYLE C7).
public final class InFlightGauge: Sendable {
    private struct State {
        var inFlight = 0
        var dispatched = 0
        var isDraining = false
    }

    private let state = Mutex(State())
    private let idle = Latch()

    public init() {}

    public var inFlight: Int { state.withLock { $0.inFlight } }
    public var dispatched: Int { state.withLock { $0.dispatched } }

    func requestStarted() {
        state.withLock {
            $0.inFlight += 1
            $0.dispatched += 1
        }
    }

    func requestEnded() {
        let becameIdle = state.withLock { state in
            state.inFlight -= 1
            return state.isDraining && state.inFlight == 0
        }
        if becameIdle { idle.set() }
    }

    /// Returns when no request is in flight; call only after the last dispatch.
    func waitUntilIdle() async {
        let isIdle = state.withLock { state in
            state.isDraining = true
            return state.inFlight == 0
        }
        if isIdle { idle.set() }
        await idle.wait()
    }
}
