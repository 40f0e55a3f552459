import AsyncHTTPClient
import LLMLoadCore
import NIOCore

/// An exchange's record, and whether the connection closed before any byte of the answer (the
/// request never reached the server and may be sent again).
///
/// A reference, so that the frames of the task waiting for it hold a pointer, not a copy of the
/// 570-byte record at each level: per request in flight those copies were 2.3 KB of task memory.
/// `@unchecked Sendable`: made on the event loop and handed over once, to the exchange's
/// completion; only its receiver changes it.
public final class ExchangeOutcome: @unchecked Sendable {
    public var record: RequestRecord
    let closedBeforeAnswer: Bool

    init(record: RequestRecord, closedBeforeAnswer: Bool) {
        self.record = record
        self.closedBeforeAnswer = closedBeforeAnswer
    }
}

/// What a connection reports one exchange's events to. Every call is on the connection's event
/// loop, with the instant taken the moment NIO handed over the bytes, before any decoding.
///
/// Not generic over the decoder, so that the task waiting for an exchange is not either: each
/// request in flight keeps its waiting task's frames, and a generic frame holds its
/// dynamically sized values in the task's memory too (docs/performance.md, "Memory").
protocol ExchangeEvents: AnyObject, Sendable {
    var endpoint: Endpoint { get }
    /// The request's head as written on the wire (``RequestHead``), and its body.
    var head: ByteBuffer { get }
    var body: ByteBuffer { get }
    /// Set once the exchange ended, failed, timed out or was cancelled; later events are ignored.
    var isFinished: Bool { get }
    /// The connection it runs on, to close when it gives up on it (deadline, cancel).
    var connection: ConnectionHandler? { get set }

    /// Takes the completion, called once with the outcome, and lists the deadline in
    /// `deadlines` (its pool's). `false`: it is already over (cancelled before it started, or
    /// past its deadline; `completion` was called), and must not be sent.
    func begin(watchedBy deadlines: DeadlineList, completion: @escaping (ExchangeOutcome) -> Void) -> Bool
    /// The request was cancelled (drain deadline, Ctrl-C).
    func cancel()
    func requestWritten(at instant: ContinuousClock.Instant)
    func receivedHead(status: Int, at instant: ContinuousClock.Instant)
    func receivedBodyPart(_ buffer: ByteBuffer, at instant: ContinuousClock.Instant)
    func ended(at instant: ContinuousClock.Instant)
    func failed(_ error: any Error, at instant: ContinuousClock.Instant)
}

/// One request on llmload's own transport: the observer that measures it, its deadline, and
/// what receives its record (the waiting task's continuation, or the load's own callback).
///
/// `@unchecked Sendable`: it is made on the calling task and from then on touched only on its
/// pool's event loop (`ConnectionPool.start`, `cancel` through `EventLoop.execute`).
final class Exchange<Decoder: ResponseDecoder>: DeadlineList.Entry, ExchangeEvents, @unchecked Sendable {
    let endpoint: Endpoint
    let head: ByteBuffer
    let body: ByteBuffer
    private let plan: RequestPlan
    private var observer: ResponseObserver<Decoder>
    private var completion: ((ExchangeOutcome) -> Void)?
    /// Where its deadline is listed, once begun.
    private var deadlines: DeadlineList?
    private var isCancelRequested = false
    private(set) var isFinished = false
    /// Strong, and let go when the exchange finishes (the connection lets go of the exchange
    /// then too), so the two hold each other only while the exchange runs. A `weak` reference
    /// gave every connection a side table, and with it every retain and release of the
    /// connection, several a read, took the runtime's slow path (about 1 % of a coalesced
    /// load's CPU).
    var connection: ConnectionHandler?

    init(
        observer: ResponseObserver<Decoder>, plan: RequestPlan, endpoint: Endpoint, head: ByteBuffer,
        body: ByteBuffer, deadline: NIODeadline
    ) {
        self.observer = observer
        self.plan = plan
        self.endpoint = endpoint
        self.head = head
        self.body = body
        super.init(deadline: deadline)
    }

    override func deadlinePassed() {
        giveUp(HTTPClientError.deadlineExceeded)
    }

    func begin(watchedBy deadlines: DeadlineList, completion: @escaping (ExchangeOutcome) -> Void) -> Bool {
        self.completion = completion
        if isCancelRequested {
            failed(HTTPClientError.cancelled, at: .now)
            return false
        }
        guard deadline > .now() else {
            failed(HTTPClientError.deadlineExceeded, at: .now)
            return false
        }
        self.deadlines = deadlines
        deadlines.insert(self)
        return true
    }

    func cancel() {
        guard !isFinished else { return }
        guard completion != nil else {
            isCancelRequested = true
            return
        }
        giveUp(HTTPClientError.cancelled)
    }

    /// Ends the exchange with `error` and closes its connection, whose state is then unknown.
    private func giveUp(_ error: any Error) {
        guard !isFinished else { return }
        let connection = self.connection
        failed(error, at: .now)
        connection?.abandon(self)
    }

    func requestWritten(at instant: ContinuousClock.Instant) {
        observer.requestSent(at: instant)
    }

    func receivedHead(status: Int, at instant: ContinuousClock.Instant) {
        guard !isFinished else { return }
        observer.receivedHead(status: status, at: instant)
    }

    func receivedBodyPart(_ buffer: ByteBuffer, at instant: ContinuousClock.Instant) {
        guard !isFinished else { return }
        observer.receivedBodyPart(buffer, at: instant)
    }

    func ended(at instant: ContinuousClock.Instant) {
        guard !isFinished else { return }
        observer.bodyEnded(at: instant)
        finish(at: instant, closedBeforeAnswer: false)
    }

    func failed(_ error: any Error, at instant: ContinuousClock.Instant) {
        guard !isFinished else { return }
        let unanswered = !observer.hasAnswer
        let (outcome, message) = TransportFailure.classify(error)
        observer.failed(outcome, message, at: instant)
        finish(at: instant, closedBeforeAnswer: unanswered && TransportFailure.isConnectionClosed(error))
    }

    private func finish(at instant: ContinuousClock.Instant, closedBeforeAnswer: Bool) {
        isFinished = true
        connection = nil
        deadlines?.remove(self)
        deadlines = nil
        let record = observer.makeRecord(for: plan, endedAt: instant)
        let completion = self.completion
        self.completion = nil
        completion?(
            ExchangeOutcome(
                record: record, closedBeforeAnswer: closedBeforeAnswer && record.outcome == .connectionError))
    }
}
