import AsyncHTTPClient
import LLMLoadCore
import NIOCore
import NIOHTTP1
import Synchronization

/// An AHC delegate that stamps every step of a response on the connection's event loop, the
/// moment NIO hands it over, and keeps the bytes; the ``ResponseObserver`` decodes them later,
/// off the event loop (``replay(into:)``).
///
/// An event loop serves many connections. A real server emits the tokens of a whole batch at
/// once, so chunks of many streams arrive together and are read one after another: any time
/// spent decoding one chunk on the loop would delay the stamp of the next. Here the loop only
/// takes an instant and keeps a reference to the buffer.
final class ObservingDelegate: HTTPClientResponseDelegate {
    typealias Response = Void

    /// One thing the transport reported, with when.
    enum Step {
        case sent(ContinuousClock.Instant)
        case head(status: Int, ContinuousClock.Instant)
        case body(ByteBuffer, ContinuousClock.Instant)
        case failed(RequestOutcome, String, ContinuousClock.Instant)
        case ended(ContinuousClock.Instant)
    }

    /// A body larger than this is cut off as a failure, so a server streaming garbage cannot
    /// exhaust memory before the timeout.
    static let maximumBodyBytes = 64 << 20

    private struct State {
        var steps: [Step] = []
        var bodyBytes = 0
    }

    /// Only touched from the connection's event loop, then by the request's task once the
    /// response ended; the lock is uncontended and makes that safe without relying on it.
    private let state = Mutex(State())

    func didSendRequestHead(task: HTTPClient.Task<Void>, _ head: HTTPRequestHead) {
        let now = ContinuousClock.now
        state.withLock { $0.steps.append(.sent(now)) }
    }

    func didReceiveHead(task: HTTPClient.Task<Void>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        let now = ContinuousClock.now
        state.withLock { $0.steps.append(.head(status: Int(head.status.code), now)) }
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveBodyPart(task: HTTPClient.Task<Void>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        let now = ContinuousClock.now
        let isTooLarge = state.withLock { state in
            state.steps.append(.body(buffer, now))
            state.bodyBytes += buffer.readableBytes
            return state.bodyBytes > Self.maximumBodyBytes
        }
        if isTooLarge {
            record(.streamError, "response larger than \(Self.maximumBodyBytes >> 20) MiB", at: now)
            task.cancel()
        }
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveError(task: HTTPClient.Task<Void>, _ error: any Error) {
        let now = ContinuousClock.now
        let (outcome, message) = TransportFailure.classify(error)
        record(outcome, message, at: now)
    }

    func didFinishRequest(task: HTTPClient.Task<Void>) throws {
        let now = ContinuousClock.now
        state.withLock { $0.steps.append(.ended(now)) }
    }

    /// Records a failure seen outside the delegate's callbacks (or by it).
    func record(_ outcome: RequestOutcome, _ message: String, at instant: ContinuousClock.Instant) {
        state.withLock { $0.steps.append(.failed(outcome, message, instant)) }
    }

    /// Feeds every step, in order and with its instant, to `observer`. Call once the response
    /// has ended (the transport's future completed).
    func replay<Decoder: ResponseDecoder>(into observer: inout ResponseObserver<Decoder>) {
        let steps = state.withLock { state in
            defer { state.steps = [] }
            return state.steps
        }
        for step in steps {
            switch step {
            case .sent(let instant): observer.requestSent(at: instant)
            case .head(let status, let instant): observer.receivedHead(status: status, at: instant)
            case .body(let buffer, let instant): observer.receivedBodyPart(buffer, at: instant)
            case .failed(let outcome, let message, let instant): observer.failed(outcome, message, at: instant)
            case .ended(let instant): observer.bodyEnded(at: instant)
            }
        }
    }
}
