import NIOCore
import NIOPosix
import NIOSSL

/// The HTTP/1.1 connections of one event loop, to every endpoint, kept alive and reused.
///
/// Everything a request does, from taking a connection to its last byte, happens on this loop,
/// which also reads the connection: no lock, no hop to another thread, and every instant is
/// taken where the bytes arrive. A request takes the most recently used idle connection, or
/// opens one while fewer than `limit` are open, or waits for one in order.
///
/// `@unchecked Sendable`: made once by the client, then touched only on `loop` (every entry
/// point is reached through `loop.execute` or a callback of a channel on `loop`).
final class ConnectionPool: @unchecked Sendable {
    /// Settings shared by every loop's pool.
    struct Settings: Sendable {
        /// Connections open or opening on this loop; more requests wait for one.
        var limit: Int
        var connectTimeout: TimeAmount
        /// Idle this long, a connection is closed: before the 5 s after which common servers
        /// (llama.cpp's cpp-httplib, vLLM's uvicorn) close it on their side, so that no request
        /// is written on a connection just as the server closes it.
        var idleTimeout: TimeAmount
        /// For https endpoints.
        var tls: TLSConfiguration
    }

    let loop: any EventLoop
    private let settings: Settings
    private var open = 0
    /// Idle connections by endpoint id, most recently used last; one that closed while idle
    /// stays, retired, until `send` or `closeIdle` reaches it (`closed`). An array, as the ids
    /// are small and dense: a dictionary's in-place access allocated its accessor's frame, three
    /// allocations a request (heaptrack).
    private var idle: [[ConnectionHandler]] = []
    private var waiting = CircularBuffer<any ExchangeEvents>()
    private var reaper: RepeatedTask?
    /// The deadlines of the exchanges in flight here.
    private let deadlines: DeadlineList
    /// Made on the first https connection: loading the trust roots is not free, and most runs
    /// are plain http on loopback.
    private var tls: Result<NIOSSLContext, any Error>?

    init(loop: any EventLoop, settings: Settings) {
        self.loop = loop
        self.settings = settings
        deadlines = DeadlineList(loop: loop)
    }

    /// Set by ``cancelAll()``: every exchange started later is cancelled before it is sent.
    private(set) var isCancelled = false

    /// Sends `exchange` on a connection of this loop; `completion` is called once, on `loop`,
    /// with its outcome. Call on `loop`.
    func start(_ exchange: any ExchangeEvents, completion: @escaping (ExchangeOutcome) -> Void) {
        if isCancelled { exchange.cancel() }
        guard exchange.begin(watchedBy: deadlines, completion: completion) else { return }
        if reaper == nil {
            let every = TimeAmount.nanoseconds(min(1_000_000_000, settings.idleTimeout.nanoseconds / 2))
            reaper = loop.scheduleRepeatedTask(initialDelay: every, delay: every) { [self] _ in
                closeIdle(olderThan: .now() - settings.idleTimeout)
            }
        }
        send(exchange)
    }

    private func send(_ exchange: any ExchangeEvents) {
        let staleBefore = NIODeadline.now() - settings.idleTimeout
        let id = exchange.endpoint.id
        while id < idle.count, let connection = idle[id].popLast() {
            if !connection.isRetired && connection.isUsable && connection.idleSince > staleBefore {
                connection.start(exchange)
                return
            }
            retire(connection)
        }
        if open < settings.limit {
            connect(for: exchange)
        } else {
            waiting.append(exchange)
        }
    }

    /// A connection finished its exchange and may be reused.
    func release(_ connection: ConnectionHandler) {
        guard !connection.isRetired else { return }
        while let next = waiting.popFirst() {
            guard !next.isFinished else { continue }
            if next.endpoint.id == connection.endpointID {
                connection.start(next)
            } else {
                retire(connection)
                connect(for: next)
            }
            return
        }
        connection.idleSince = .now()
        let id = connection.endpointID
        if id >= idle.count { idle += repeatElement([], count: id + 1 - idle.count) }
        idle[id].append(connection)
    }

    /// A connection closed (by either side).
    ///
    /// An idle one stays in its endpoint's list, retired, until `send` pops it or `closeIdle`
    /// reaches it (within `idleTimeout`): searching the list here made closing every connection
    /// at the end of a run quadratic, a second of CPU with a few thousand open.
    func closed(_ connection: ConnectionHandler) {
        if !connection.isRetired {
            connection.isRetired = true
            open -= 1
        }
        startWaiting()
    }

    /// Stops counting `connection` and closes it; `promise` when it has closed (at once if it
    /// was retired already).
    private func retire(_ connection: ConnectionHandler, promise: EventLoopPromise<Void>? = nil) {
        guard !connection.isRetired else {
            promise?.succeed()
            return
        }
        connection.isRetired = true
        open -= 1
        connection.close(promise: promise)
    }

    private func startWaiting() {
        while open < settings.limit, let next = waiting.popFirst() {
            guard !next.isFinished else { continue }
            connect(for: next)
        }
    }

    /// Closes every idle connection now, and succeeds once they have closed and their channels
    /// have handed back their handlers, so that what the connections held is free. A failed
    /// close counts as closed. Call on `loop`.
    func closeIdleConnections() -> EventLoopFuture<Void> {
        let connections = idle.joined()
        let closes = connections.map { connection in
            let promise = loop.makePromise(of: Void.self)
            retire(connection, promise: promise)
            return promise.futureResult
        }
        idle.removeAll()
        // NIO completes a close's promise before it queues the removal of the channel's
        // handlers: a task queued when the promises complete runs before that removal, and one
        // it queues in turn runs after (a single turn left the memory held, measured).
        return EventLoopFuture.whenAllComplete(closes, on: loop)
            .flatMap { [loop] _ in loop.submit {} }
            .flatMap { [loop] in loop.submit {} }
    }

    /// Cancels every exchange begun here and not yet ended (sent, waiting for a connection, or
    /// connecting), and every one started from now on: the end of a drain that ran out of
    /// time. Each completes as cancelled. Call on `loop`.
    func cancelAll() {
        isCancelled = true
        for entry in deadlines.listed() {
            (entry as? any ExchangeEvents)?.cancel()
        }
    }

    private func closeIdle(olderThan limit: NIODeadline) {
        // Most recently used last, so the stale connections of an endpoint are a prefix.
        for id in idle.indices {
            let stale = idle[id].prefix { $0.idleSince <= limit }
            guard !stale.isEmpty else { continue }
            idle[id].removeFirst(stale.count)
            for connection in stale { retire(connection) }
        }
    }

    private func tlsContext() throws -> NIOSSLContext {
        if tls == nil { tls = Result { try NIOSSLContext(configuration: settings.tls) } }
        return try tls!.get()
    }

    private func connect(for exchange: any ExchangeEvents) {
        open += 1
        let endpoint = exchange.endpoint
        let tls: NIOSSLContext?
        do {
            tls = endpoint.isTLS ? try tlsContext() : nil
        } catch {
            open -= 1
            return exchange.failed(error, at: .now)
        }
        let bootstrap = ClientBootstrap(group: loop)
            .connectTimeout(settings.connectTimeout)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { [self] channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    if let tls {
                        try pipeline.addHandler(NIOSSLClientHandler(context: tls, serverHostname: endpoint.serverName))
                    }
                    // No HTTP codec: the connection writes and reads HTTP/1.1 itself.
                    try pipeline.addHandler(ConnectionHandler(pool: self, endpointID: endpoint.id))
                }
            }
        let connecting =
            endpoint.address.map { bootstrap.connect(to: $0) }
            ?? bootstrap.connect(host: endpoint.host, port: endpoint.port)
        connecting.assumeIsolated().whenComplete { [self] result in
            switch result {
            case .success(let channel):
                guard let connection = try? channel.pipeline.syncOperations.handler(type: ConnectionHandler.self)
                else {
                    // Not reached: the initializer added it. Counted out, as a failed connect.
                    open -= 1
                    channel.close(promise: nil)
                    exchange.failed(ChannelError.ioOnClosedChannel, at: .now)
                    return startWaiting()
                }
                if exchange.isFinished {
                    release(connection)
                } else {
                    connection.start(exchange)
                }
            case .failure(let error):
                open -= 1
                exchange.failed(error, at: .now)
                startWaiting()
            }
        }
    }
}
