import Synchronization

/// A one-way flag tasks can wait for: once set it stays set. For low-rate coordination only
/// (stop requests, the end of a drain), never per request or per token.
public final class Latch: Sendable {
    private struct State {
        var isSet = false
        var nextWaiterID = 0
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
        /// Waiters cancelled before they registered their continuation.
        var cancelledIDs: Set<Int> = []
    }

    private let state = Mutex(State())

    public init() {}

    public var isSet: Bool { state.withLock { $0.isSet } }

    /// Sets the flag and wakes every waiter. Returns `false` if it was already set.
    @discardableResult
    public func set() -> Bool {
        let (wasSet, waiters) = state.withLock { state in
            let wasSet = state.isSet
            state.isSet = true
            defer { state.waiters = [:] }
            return (wasSet, Array(state.waiters.values))
        }
        for waiter in waiters { waiter.resume() }
        return !wasSet
    }

    /// Returns once the flag is set, or as soon as the calling task is cancelled.
    public func wait() async {
        let id = state.withLock { state in
            state.nextWaiterID += 1
            return state.nextWaiterID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state in
                    if state.isSet || state.cancelledIDs.remove(id) != nil { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
                if let waiter = state.waiters.removeValue(forKey: id) { return waiter }
                state.cancelledIDs.insert(id)
                return nil
            }
            waiter?.resume()
        }
    }
}
