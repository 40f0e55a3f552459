/// The user's wish to stop a run early: the first request stops sending and drains, the second
/// stops now (cancels what is in flight). Safe to call from a signal-handling task.
public final class StopSignal: Sendable {
    /// Set on the first request: no new requests are sent.
    public let stopSending = Latch()
    /// Set on the second request: requests in flight are cancelled.
    public let stopNow = Latch()

    public init() {}

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
