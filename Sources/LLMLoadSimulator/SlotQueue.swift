import Synchronization

/// A FIFO counting semaphore: at most `capacity` requests generate at once; the rest wait in
/// arrival order, as in a real server's queue. Waiters are callbacks, not tasks: a request is
/// answered by its connection's event loop (``GenerationExchange``), which must not block.
final class SlotQueue: Sendable {
    private struct State {
        var available: Int
        var waiters: [@Sendable () -> Void] = []
        var head = 0
    }

    private let state: Mutex<State>

    init(capacity: Int) {
        state = Mutex(State(available: capacity))
    }

    /// Takes a slot and returns `true` if one is free; else queues `granted`, called (on the
    /// releasing thread) when the slot is handed over, and returns `false`.
    func acquire(orWhenFree granted: @escaping @Sendable () -> Void) -> Bool {
        state.withLock { state in
            guard state.available > 0 else {
                state.waiters.append(granted)
                return false
            }
            state.available -= 1
            return true
        }
    }

    /// Requests waiting in line for a slot now.
    var waitingCount: Int { state.withLock { $0.waiters.count - $0.head } }

    /// Frees a slot, or hands it straight to the longest waiter.
    func release() {
        let next = state.withLock { state -> (@Sendable () -> Void)? in
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
        next?()
    }
}
