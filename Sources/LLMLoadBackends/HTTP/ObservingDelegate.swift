import AsyncHTTPClient
import LLMLoadCore
import NIOCore
import NIOHTTP1
import Synchronization

/// An AHC delegate that feeds a ``ResponseObserver``. It runs on the connection's event loop,
/// so every instant is taken the moment NIO hands over the bytes, and decoding never hops to
/// the Swift concurrency pool: a busy pool shows as schedule lag, not as server latency.
final class ObservingDelegate<Decoder: ResponseDecoder>: HTTPClientResponseDelegate {
    typealias Response = Void

    /// Only touched from the connection's event loop in practice; the lock is uncontended and
    /// makes that safe without relying on it.
    let observer: Mutex<ResponseObserver<Decoder>>
    /// The connection closed before any byte of the answer (see ``TransportFailure/isConnectionClosed(_:)``).
    let closedBeforeAnswer = Atomic(false)

    init(observer: ResponseObserver<Decoder>) {
        self.observer = Mutex(observer)
    }

    func didSendRequestHead(task: HTTPClient.Task<Void>, _ head: HTTPRequestHead) {
        let now = ContinuousClock.now
        observer.withLock { $0.requestSent(at: now) }
    }

    func didReceiveHead(task: HTTPClient.Task<Void>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        let now = ContinuousClock.now
        observer.withLock { $0.receivedHead(status: Int(head.status.code), at: now) }
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveBodyPart(task: HTTPClient.Task<Void>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        let now = ContinuousClock.now
        observer.withLock { $0.receivedBodyPart(buffer, at: now) }
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveError(task: HTTPClient.Task<Void>, _ error: any Error) {
        let now = ContinuousClock.now
        failed(error, at: now)
    }

    /// Records a transport failure, noting whether it was a closed connection before any answer.
    func failed(_ error: any Error, at instant: ContinuousClock.Instant) {
        let (outcome, message) = TransportFailure.classify(error)
        let unanswered = observer.withLock { observer in
            let unanswered = !observer.hasAnswer
            observer.failed(outcome, message, at: instant)
            return unanswered
        }
        if unanswered && TransportFailure.isConnectionClosed(error) {
            closedBeforeAnswer.store(true, ordering: .relaxed)
        }
    }

    func didFinishRequest(task: HTTPClient.Task<Void>) throws {
        let now = ContinuousClock.now
        observer.withLock { $0.bodyEnded(at: now) }
    }
}
