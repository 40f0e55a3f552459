import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Answers the generation routes (``GenerationEndpoint``) itself, on the connection's event
/// loop, and passes every other request on to Hummingbird's router behind it.
///
/// It sits in each connection's pipeline after HTTP decoding. HTTP/1.1 answers a connection's
/// requests in order, so a request head that arrives while an answer (its own or
/// Hummingbird's) is still being written waits here until that answer ends.
final class GenerationHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    static let serverName = "llmload-simulator"
    /// The largest request body read; a larger one is refused and the connection closed.
    static let bodyLimit = 64 << 20

    private enum Reading {
        case idle
        /// Hummingbird's: its parts are passed on.
        case forwarded
        /// A generation request's, collected until its end.
        case collecting(GenerationEndpoint, HTTPRequest, ByteBuffer, receivedAt: ContinuousClock.Instant)
    }

    private let simulator: SimulatorState
    private let endpoints: [String: GenerationEndpoint]
    private let wireTimestamps: WireTimestamps?
    private var context: ChannelHandlerContext?
    /// The HTTP/1.1 encoder's context: a write from it goes past the encoder (and the
    /// conversions above it) straight to the socket. `nil`: no such encoder in the pipeline.
    private var socketEnd: ChannelHandlerContext?
    /// The `X-Request-Id` of the request being answered, for the wire's stamps.
    private var requestID: String?
    private var reading = Reading.idle
    /// Request parts that wait for the current answer to end, in arrival order.
    private var waiting = CircularBuffer<HTTPRequestPart>()
    /// Requests passed to Hummingbird whose answer has not ended yet.
    private var forwarded = 0
    /// Whether this handler is answering a request (collecting, generating or writing it).
    private var answering = false
    private var exchange: GenerationExchange?
    /// The request asked for `Connection: close`, or the server is shutting down.
    private var closesWhenAnswered = false

    init(simulator: SimulatorState, endpoints: [String: GenerationEndpoint], wireTimestamps: WireTimestamps? = nil) {
        self.simulator = simulator
        self.endpoints = endpoints
        self.wireTimestamps = wireTimestamps
    }

    var eventLoop: any EventLoop { context!.eventLoop }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        socketEnd = try? context.pipeline.syncOperations.context(handlerType: HTTPResponseEncoder.self)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        socketEnd = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        if !waiting.isEmpty || !accept(part, context: context) { waiting.append(part) }
    }

    func channelInactive(context: ChannelHandlerContext) {
        exchange?.cancel()
        exchange = nil
        waiting.removeAll()
        context.fireChannelInactive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        // Hummingbird's state handler closes a connection it thinks idle when the server shuts
        // down; one this handler is answering closes once the answer is written.
        if event is ChannelShouldQuiesceEvent, answering, forwarded == 0 {
            closesWhenAnswered = true
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    /// Hummingbird's answers pass here on their way out: the end of one frees the connection.
    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        context.write(data, promise: promise)
        if case .end = unwrapOutboundIn(data) {
            forwarded -= 1
            if forwarded == 0, !waiting.isEmpty {
                // Not from inside Hummingbird's write: the next request is read afresh.
                let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
                context.eventLoop.execute { handler.value.readWaiting() }
            }
        }
    }

    /// Takes `part` unless it is a request head that must wait for the current answer.
    private func accept(_ part: HTTPRequestPart, context: ChannelHandlerContext) -> Bool {
        switch (part, reading) {
        case (.head(let head), _):
            guard !answering, forwarded == 0 else { return false }
            let path = head.path.map { $0.split(separator: "?", maxSplits: 1).first.map(String.init) ?? $0 }
            if head.method == .post, let path, let endpoint = endpoints[path] {
                answering = true
                reading = .collecting(endpoint, head, context.channel.allocator.buffer(capacity: 0), receivedAt: .now)
            } else {
                forwarded += 1
                reading = .forwarded
                context.fireChannelRead(wrapInboundOut(part))
            }
        case (.body, .forwarded):
            context.fireChannelRead(wrapInboundOut(part))
        case (.body(var bytes), .collecting(let endpoint, let head, var body, let receivedAt)):
            guard body.readableBytes + bytes.readableBytes <= Self.bodyLimit else {
                reading = .idle  // the rest of the body is dropped, with the connection
                closesWhenAnswered = true
                respond(.contentTooLarge, json: #"{"error":"request body too large"}"#)
                return true
            }
            body.writeBuffer(&bytes)
            reading = .collecting(endpoint, head, body, receivedAt: receivedAt)
        case (.end, .forwarded):
            reading = .idle
            context.fireChannelRead(wrapInboundOut(part))
        case (.end, .collecting(let endpoint, let head, let body, let receivedAt)):
            reading = .idle
            answer(head, body: body, endpoint: endpoint, receivedAt: receivedAt)
        case (.body, .idle), (.end, .idle):
            break  // the rest of a request already refused
        }
        return true
    }

    private func answer(
        _ head: HTTPRequest, body: ByteBuffer, endpoint: GenerationEndpoint, receivedAt: ContinuousClock.Instant
    ) {
        if head.headerFields[.connection]?.lowercased() == "close" { closesWhenAnswered = true }
        requestID = head.headerFields[Self.requestID]
        if let key = simulator.configuration.apiKey,
            let refusal = BearerToken.refusal(of: head.headerFields[.authorization], key: key)
        {
            return respond(.unauthorized, json: refusal)
        }
        guard
            let request = SimulatedRequest(
                body: body, requestID: head.headerFields[Self.requestID], path: endpoint.path, api: endpoint.api)
        else {
            return respond(.badRequest, json: #"{"error":"invalid JSON request body"}"#)
        }
        switch GenerationExchange.start(
            request, endpoint: endpoint, receivedAt: receivedAt, simulator: simulator, on: self)
        {
        case .answerNow(let status, let json):
            respond(status, json: json)
        case .generate(let exchange):
            // Kept before it writes: an answer that ends at once reads on, and may start the next.
            self.exchange = exchange
            exchange.open()
        }
    }

    private static let requestID = HTTPField.Name("X-Request-Id")!

    // MARK: Writing, for the exchange

    func write(_ part: HTTPResponsePart) {
        context?.write(wrapOutboundOut(part), promise: nil)
    }

    func flush() {
        context?.flush()
    }

    /// Writes and flushes one write of a stream's tokens, `body(framed)` its bytes.
    ///
    /// A token's write is most of what a streaming server does: through the pipeline, the
    /// HTTP types' conversion and NIO's encoder (three writes: size line, bytes, CRLF) were
    /// 15 % of the simulator's CPU token by token. So the bytes come framed as one HTTP/1.1
    /// chunk and go from the encoder's context, past it: a streamed answer's head has no
    /// `Content-Length`, so the encoder writes its body chunked, and the end of the body
    /// (`0` CRLF CRLF) still goes through it. With no encoder to pass, `body(false)` goes the
    /// usual way. The wire's stamp (tests) is taken here, since the stamping handler is passed.
    func writeTokens(_ body: (_ framed: Bool) -> ByteBuffer) {
        guard let socketEnd else {
            write(.body(body(false)))
            return flush()
        }
        let bytes = body(true)
        if let wireTimestamps, let requestID { wireTimestamps.bodyWritten(requestID, at: .now) }
        socketEnd.writeAndFlush(NIOAny(bytes), promise: nil)
    }

    /// A whole JSON answer in one flush.
    func respond(_ status: HTTPResponse.Status, json text: String) {
        guard let context else { return }
        let body = context.channel.allocator.buffer(string: text)
        write(
            .head(
                HTTPResponse(
                    status: status,
                    headerFields: [
                        .contentType: "application/json; charset=utf-8", .contentLength: String(body.readableBytes),
                        .server: Self.serverName,
                    ])))
        write(.body(body))
        endResponse()
    }

    /// Ends the answer being written, flushes it, and reads the next request (or closes).
    func endResponse() {
        guard let context else { return }
        exchange = nil
        answering = false
        let written = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if closesWhenAnswered {
            waiting.removeAll()
            let channel = context.channel
            written.whenComplete { _ in channel.close(promise: nil) }
        } else {
            readWaiting()
        }
    }

    /// Drops the connection mid-answer (the injected disconnect).
    func drop() {
        exchange = nil
        answering = false
        context?.close(promise: nil)
    }

    /// Reads the requests that waited, until one must wait again.
    private func readWaiting() {
        guard let context, !waiting.isEmpty else { return }
        // Taken off before it is read: reading it may answer at once, which reads on from here
        // (or, closing, drops what waits).
        while !waiting.isEmpty {
            let part = waiting.removeFirst()
            guard accept(part, context: context) else {
                waiting.prepend(part)
                break
            }
        }
        // Hummingbird takes what it was passed at the end of a read: end one here.
        context.fireChannelReadComplete()
    }
}
