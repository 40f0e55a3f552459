import Hummingbird
import HummingbirdCore
import NIOCore
import NIOHTTPTypes
import Synchronization

/// When request heads arrived and response bytes left, taken in the connection's pipeline on
/// its event loop — as close to the socket as the simulator can see, after any hop from the
/// handler's task. Installed only when ground truth is being recorded (tests). A stream's token
/// writes go past the stamping handler, straight to the socket: ``GenerationHandler`` stamps
/// those itself, in the same call, just before each write.
public final class WireTimestamps: Sendable {
    /// What the pipeline saw of one request.
    public struct Entry: Sendable {
        public var headArrivedAt: ContinuousClock.Instant
        /// One instant per response body write, in order.
        public var bodyWrittenAt: [ContinuousClock.Instant] = []
    }

    private let entries = Mutex<[String: Entry]>([:])

    public init() {}

    /// The entry for a request id (`X-Request-Id`).
    public func entry(for requestID: String) -> Entry? { entries.withLock { $0[requestID] } }

    func headArrived(_ requestID: String, at instant: ContinuousClock.Instant) {
        entries.withLock { $0[requestID] = Entry(headArrivedAt: instant) }
    }

    func bodyWritten(_ requestID: String, at instant: ContinuousClock.Instant) {
        entries.withLock { $0[requestID]?.bodyWrittenAt.append(instant) }
    }

    /// A new stamping handler for one connection.
    func makeHandler() -> any RemovableChannelHandler { StampingHandler(timestamps: self) }
}

/// Sits right after HTTP decoding: sees request heads as they are read and response body
/// parts as they are written, on the event loop, just before the encoder and the socket.
private final class StampingHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    let timestamps: WireTimestamps
    /// HTTP/1.1 answers one request at a time on a connection: the last head read.
    var currentRequestID: String?

    init(timestamps: WireTimestamps) {
        self.timestamps = timestamps
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let now = ContinuousClock.now
        if case .head(let request) = unwrapInboundIn(data) {
            currentRequestID = request.headerFields[.init("X-Request-Id")!]
            if let id = currentRequestID { timestamps.headArrived(id, at: now) }
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .body = unwrapOutboundIn(data), let id = currentRequestID {
            timestamps.bodyWritten(id, at: .now)
        }
        context.write(data, promise: promise)
    }
}
