import AsyncHTTPClient
import NIOCore

/// The handler of one kept-alive HTTP/1.1 connection, on the socket's bytes (after TLS, if
/// any): it writes one exchange's request (``RequestHead`` and the body) and reads the response
/// (``HTTPResponseReader``), feeding it part by part to that exchange, on the connection's event
/// loop. Between exchanges the connection waits in its ``ConnectionPool``.
final class ConnectionHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let endpointID: Int
    /// When it last went idle, so the pool closes it before the server would.
    var idleSince = NIODeadline.now()
    /// No longer counted by the pool (closing, or closed); set once.
    var isRetired = false
    private weak var pool: ConnectionPool?
    private var context: ChannelHandlerContext?
    private var exchange: (any ExchangeEvents)?
    /// The connection closes after this response: it asked for that (`Connection: close`,
    /// HTTP/1.0 without keep-alive), or its body ends at the close.
    private var closesAfterResponse = false
    private var reader = HTTPResponseReader()

    init(pool: ConnectionPool, endpointID: Int) {
        self.pool = pool
        self.endpointID = endpointID
    }

    /// Whether a request may be written on it.
    var isUsable: Bool { context?.channel.isActive ?? false }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    /// Writes `exchange`'s request; its response's parts go to it until it ends.
    func start(_ exchange: any ExchangeEvents) {
        guard let context else {
            exchange.failed(ChannelError.ioOnClosedChannel, at: .now)
            return
        }
        self.exchange = exchange
        exchange.connection = self
        closesAfterResponse = false
        reader.expectResponse()
        context.write(wrapOutboundOut(exchange.head), promise: nil)
        context.write(wrapOutboundOut(exchange.body), promise: nil)
        // The flush writes at once when the socket has room, as it has for any request of a
        // usual size. The instant is taken just before it: on loopback the server has the
        // request before the write returns, so an instant taken after it, with the thread
        // preempted in between, made a TTFT shorter than the server's own (a busy CI machine
        // measured 98.75 ms against a server that waits 100). Before the write, a
        // preemption can only lengthen what is measured, never shorten it.
        exchange.requestWritten(at: .now)
        context.flush()
    }

    /// `exchange` gave up on this connection (deadline, cancel): close it, its state is unknown.
    func abandon(_ exchange: any ExchangeEvents) {
        guard self.exchange === exchange else { return }
        self.exchange = nil
        context?.close(promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let now = ContinuousClock.now
        var buffer = unwrapInboundIn(data)
        do {
            // One part at a time, handled between the reader's calls: handling an end can start
            // the next exchange on this connection, which tells the reader.
            while let part = try reader.next(from: &buffer) { handle(part, at: now, context: context) }
        } catch {
            errorCaught(context: context, error: error)
        }
    }

    private func handle(
        _ part: HTTPResponseReader.Part, at now: ContinuousClock.Instant, context: ChannelHandlerContext
    ) {
        switch part {
        case .head(let status, let keepAlive):
            closesAfterResponse = !keepAlive
            exchange?.receivedHead(status: status, at: now)
        case .body(let buffer):
            exchange?.receivedBodyPart(buffer, at: now)
        case .end:
            guard let exchange else { return }
            self.exchange = nil
            exchange.ended(at: now)
            if closesAfterResponse {
                context.close(promise: nil)
            } else {
                pool?.release(self)
            }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        let exchange = self.exchange
        self.exchange = nil
        exchange?.failed(error, at: .now)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        // A body without a length ends with the connection.
        if let end = reader.endOfInput() { handle(end, at: .now, context: context) }
        pool?.closed(self)
        if let exchange {
            self.exchange = nil
            exchange.failed(HTTPClientError.remoteConnectionClosed, at: .now)
        }
        context.fireChannelInactive()
    }

    /// Closes the connection, idle or not; `promise` (if any) when it has closed.
    func close(promise: EventLoopPromise<Void>? = nil) {
        guard let context else {
            promise?.succeed()
            return
        }
        context.close(promise: promise)
    }
}
