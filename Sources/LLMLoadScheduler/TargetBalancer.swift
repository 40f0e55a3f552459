import LLMLoadCore
import Synchronization

/// Chooses the replica each request goes to (``LoadBalance``) and counts the requests in
/// flight on each. Shared by every request task; held for a few instructions per request
/// (STYLE C7), and only when there are several replicas.
public final class TargetBalancer: Sendable {
    public let balance: LoadBalance
    private let state: Mutex<State>

    private struct State {
        /// Requests in flight on each replica, by position in the target list.
        var inFlight: [Int]
        /// The replica of each user's conversation now (`--turns`), by user.
        var conversationTarget: [Int: Int] = [:]
    }

    /// - Parameter targets: how many replicas (at least one).
    public init(targets: Int, balance: LoadBalance) {
        precondition(targets > 0, "a run has a target")
        self.balance = balance
        self.state = Mutex(State(inFlight: Array(repeating: 0, count: targets)))
    }

    /// The replica request `index` (its number in the whole load) goes to, counted in flight
    /// there until ``finished(_:)``.
    public func take(forRequest index: Int) -> Int {
        state.withLock { Self.choose(index, in: &$0.inFlight, balance: balance) }
    }

    /// The replica a conversation's turn goes to (`--turns`): a first turn is balanced as any
    /// request, by the conversation's number; later turns go where it went, so the replica that
    /// holds the conversation's prefix in its cache serves all of it (sticky sessions, as a
    /// load balancer with session affinity does).
    /// - Parameter user: the closed loop's user, who runs one conversation at a time.
    public func take(forConversation conversation: Int, user: Int, isFirstTurn: Bool) -> Int {
        state.withLock { state in
            if !isFirstTurn, let target = state.conversationTarget[user] {
                state.inFlight[target] += 1
                return target
            }
            let target = Self.choose(conversation, in: &state.inFlight, balance: balance)
            state.conversationTarget[user] = target
            return target
        }
    }

    private static func choose(_ number: Int, in counts: inout [Int], balance: LoadBalance) -> Int {
        let first = number % counts.count
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

    /// The request sent to `target` ended.
    public func finished(_ target: Int) {
        state.withLock { $0.inFlight[target] -= 1 }
    }

    /// Requests in flight on each replica now.
    public var inFlightByTarget: [Int] { state.withLock { $0.inFlight } }
}
