import Synchronization

/// A FIFO counting semaphore: at most `capacity` requests generate at once; the rest wait in
/// arrival order, as in a real server's queue.
final class SlotQueue: Sendable {
    private struct State {
        var available: Int
        var waiters: [CheckedContinuation<Void, Never>] = []
        var head = 0
    }

    private let state: Mutex<State>

    init(capacity: Int) {
        state = Mutex(State(available: capacity))
    }

    /// Takes a slot, waiting in line if none is free. Returns `true` if it had to wait.
    func acquire() async -> Bool {
        let granted = state.withLock { state in
            guard state.available > 0 else { return false }
            state.available -= 1
            return true
        }
        if granted { return false }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let grantedMeanwhile = state.withLock { state in
                if state.available > 0 {
                    state.available -= 1
                    return true
                }
                state.waiters.append(continuation)
                return false
            }
            if grantedMeanwhile { continuation.resume() }
        }
        return true
    }

    /// Requests waiting in line for a slot now.
    var waitingCount: Int { state.withLock { $0.waiters.count - $0.head } }

    func release() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard state.head < state.waiters.count else {
                state.available += 1
                return nil
            }
            let next = state.waiters[state.head]
            state.head += 1
            if state.head > 1024, state.head * 2 > state.waiters.count {
                state.waiters.removeFirst(state.head)
                state.head = 0
            }
            return next
        }
        next?.resume()
    }
}
