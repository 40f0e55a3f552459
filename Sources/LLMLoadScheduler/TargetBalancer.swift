import LLMLoadCore
import Synchronization

/// Chooses the replica each request goes to (``LoadBalance``) and counts the requests in
/// flight on each. Shared by every request task; held for a few instructions per request
/// (STYLE C7), and only when there are several replicas.
public final class TargetBalancer: Sendable {
    public let balance: LoadBalance
    /// Requests in flight on each replica, by position in the target list.
    private let inFlight: Mutex<[Int]>

    /// - Parameter targets: how many replicas (at least one).
    public init(targets: Int, balance: LoadBalance) {
        precondition(targets > 0, "a run has a target")
        self.balance = balance
        self.inFlight = Mutex(Array(repeating: 0, count: targets))
    }

    /// The replica request `index` (its number in the whole load) goes to, counted in flight
    /// there until ``finished(_:)``.
    public func take(forRequest index: Int) -> Int {
        inFlight.withLock { counts in
            let first = index % counts.count
            var chosen = first
            if balance == .leastInFlight {
                // From the round-robin choice on, so equally busy replicas still take turns.
                for step in 1..<counts.count {
                    let candidate = (first + step) % counts.count
                    if counts[candidate] < counts[chosen] { chosen = candidate }
                }
            }
            counts[chosen] += 1
            return chosen
        }
    }

    /// The request sent to `target` ended.
    public func finished(_ target: Int) {
        inFlight.withLock { $0[target] -= 1 }
    }

    /// Requests in flight on each replica now.
    public var inFlightByTarget: [Int] { inFlight.withLock { $0 } }
}
