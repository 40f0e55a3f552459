/// The user's wish to stop a run early: the first request stops sending and drains, the second
/// stops now (cancels what is in flight). Safe to call from a signal-handling task.
public final class StopSignal: Sendable {
    /// Set on the first request: no new requests are sent.
    public let stopSending = Latch()
    /// Set on the second request: requests in flight are cancelled.
    public let stopNow = Latch()
    /// Set when the run leaves its preparation (discovery, `/tokenize`, prompt fitting) and the
    /// load begins. Before it, a stop ends the run at once and nothing is written; after it, a
    /// stop drains and every output is written.
    public let loadStarted = Latch()

    public init() {}

    /// `true` once any stop was requested: the run did not end on its own terms.
    public var isRequested: Bool { stopSending.isSet }

    /// Escalates one step. Returns the step reached.
    @discardableResult
    public func request() -> Step {
        if stopSending.set() { return .stopSending }
        stopNow.set()
        return .stopNow
    }

    /// How far a stop has gone.
    public enum Step: Sendable {
        case stopSending, stopNow
    }
}
