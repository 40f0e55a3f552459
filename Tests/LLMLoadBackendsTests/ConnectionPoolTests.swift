import LLMLoadCore
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization
import Testing

@testable import LLMLoadBackends

/// A server that counts connections and requests, and answers each request after `delay`,
/// optionally asking the client to close the connection after it.
final class CountingServer: Sendable {
    let connectionsOpened = Atomic(0)
    let connectionsClosed = Atomic(0)
    /// When the server last saw a connection close.
    let lastClosedAt = Mutex<ContinuousClock.Instant?>(nil)
    let requestHeads = Atomic(0)
    let inFlight = Atomic(0)
    let mostInFlight = Atomic(0)
    let delay: TimeAmount
    let closesAfterEachAnswer: Bool
    /// Serves https with it; `nil`: plain http.
    let tls: NIOSSLContext?

    init(delay: TimeAmount = .zero, closesAfterEachAnswer: Bool = false, tls: NIOSSLContext? = nil) {
        self.delay = delay
        self.closesAfterEachAnswer = closesAfterEachAnswer
        self.tls = tls
    }

    final class Handler: ChannelInboundHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart
        let server: CountingServer

        init(server: CountingServer) {
            self.server = server
        }

        func channelActive(context: ChannelHandlerContext) {
            server.connectionsOpened.add(1, ordering: .relaxed)
            context.fireChannelActive()
        }

        func channelInactive(context: ChannelHandlerContext) {
            server.lastClosedAt.withLock { $0 = .now }
            server.connectionsClosed.add(1, ordering: .relaxed)
            context.fireChannelInactive()
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            guard case .end = unwrapInboundIn(data) else {
                if case .head = unwrapInboundIn(data) { server.requestHeads.add(1, ordering: .relaxed) }
                return
            }
            let now = server.inFlight.add(1, ordering: .relaxed).newValue
            server.mostInFlight.max(now, ordering: .relaxed)
            let answer = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            context.eventLoop.scheduleTask(in: server.delay) {
                let (handler, context) = answer.value
                handler.server.inFlight.subtract(1, ordering: .relaxed)
                handler.answer(context)
            }
        }

        private func answer(_ context: ChannelHandlerContext) {
            let body = ByteBuffer(
                string: #"{"choices":[{"text":"hi","finish_reason":"stop"}],"#
                    + #""usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}}"#)
            var headers = HTTPHeaders([
                ("Content-Type", "application/json"), ("Content-Length", "\(body.readableBytes)"),
            ])
            if server.closesAfterEachAnswer { headers.add(name: "Connection", value: "close") }
            context.write(
                wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))), promise: nil
            )
            context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            if server.closesAfterEachAnswer { context.close(promise: nil) }
        }
    }

    /// Serves on a free loopback port while `body` runs with the base URL.
    func withRunning<T>(_ body: (String) async throws -> T) async throws -> T {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls = self.tls {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls))
                    }
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(Handler(server: self))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        defer { channel.close(promise: nil) }
        return try await body("\(tls == nil ? "http" : "https")://127.0.0.1:\(channel.localAddress?.port ?? 0)")
    }
}

/// llmload's own HTTP/1.1 transport: connections kept alive and reused, a limit that queues
/// requests in order, deadlines that cover the wait for a connection, idle connections closed
/// before the server would close them.
@Suite struct ConnectionPoolTests {
    static func send(
        _ client: HTTPInferenceClient, to baseURL: String, index: Int = 0, timeout: Duration = .seconds(10)
    ) async -> RequestRecord {
        let request = InferenceRequest(model: "m", prompt: "p", isStreaming: false)
        return await client.execute(
            RequestPlan(index: index, scheduledAt: .now, request: request),
            api: OpenAIAPI(endpoint: .completions), baseURL: baseURL, timeout: timeout)
    }

    @Test func requestsInTurnReuseOneConnection() async throws {
        let server = CountingServer()
        let records = try await server.withRunning { url in
            try await HTTPInferenceClient.withClient(
                configuration: .init(maximumConnections: 4, eventLoops: 1, idleTimeout: Self.neverIdle)
            ) {
                client in
                var records: [RequestRecord] = []
                for index in 0..<5 { records.append(await Self.send(client, to: url, index: index)) }
                return records
            }
        }
        #expect(records.map(\.outcome) == Array(repeating: .ok, count: 5), "\(records.map(\.errorMessage))")
        #expect(server.connectionsOpened.load(ordering: .relaxed) == 1)
        #expect(server.requestHeads.load(ordering: .relaxed) == 5)
    }

    @Test func atItsLimitThePoolQueuesRequestsAndServesEachOnTheOpenConnections() async throws {
        // Long enough that all six reach the pool before the first answer, however busy the machine.
        let server = CountingServer(delay: .milliseconds(300))
        let records = try await server.withRunning { url in
            try await HTTPInferenceClient.withClient(
                configuration: .init(maximumConnections: 2, eventLoops: 1, idleTimeout: Self.neverIdle)
            ) {
                client in
                await withTaskGroup(of: RequestRecord.self) { group in
                    for index in 0..<6 { group.addTask { await Self.send(client, to: url, index: index) } }
                    return await group.reduce(into: []) { $0.append($1) }
                }
            }
        }
        #expect(records.count == 6)
        #expect(records.allSatisfy { $0.outcome == .ok }, "\(records.map(\.errorMessage))")
        #expect(server.connectionsOpened.load(ordering: .relaxed) == 2)
        #expect(server.mostInFlight.load(ordering: .relaxed) == 2)
    }

    @Test func aResponseThatAsksToCloseIsFollowedByAFreshConnection() async throws {
        let server = CountingServer(closesAfterEachAnswer: true)
        let records = try await server.withRunning { url in
            try await HTTPInferenceClient.withClient(configuration: .init(maximumConnections: 4, eventLoops: 1)) {
                client in
                var records: [RequestRecord] = []
                for index in 0..<3 { records.append(await Self.send(client, to: url, index: index)) }
                return records
            }
        }
        #expect(records.map(\.outcome) == [.ok, .ok, .ok], "\(records.map(\.errorMessage))")
        #expect(records.allSatisfy { !$0.resentOnClosedConnection }, "no request went out on a closed connection")
        #expect(server.connectionsOpened.load(ordering: .relaxed) == 3)
        #expect(server.requestHeads.load(ordering: .relaxed) == 3)
    }

    @Test func aRequestWaitingForAConnectionTimesOutAtItsDeadline() async throws {
        let server = CountingServer(delay: .milliseconds(1500))
        let (slow, waiting) = try await server.withRunning { url in
            try await HTTPInferenceClient.withClient(configuration: .init(maximumConnections: 1, eventLoops: 1)) {
                client in
                async let slow = Self.send(client, to: url, index: 0)
                try await Task.sleep(for: .milliseconds(100))
                let waiting = await Self.send(client, to: url, index: 1, timeout: .milliseconds(300))
                return (await slow, waiting)
            }
        }
        #expect(slow.outcome == .ok)
        #expect(waiting.outcome == .timeout)
        #expect(server.requestHeads.load(ordering: .relaxed) == 1, "the waiting request was never written")
    }

    /// An idle timeout no test reaches, however long a busy machine stalls between requests:
    /// a connection idle past the timeout is closed, and a test counting connections would
    /// count a second one.
    static let neverIdle = Duration.seconds(600)

    /// Waits until `condition` holds, for at most `limit`: what a busy machine delays, it does
    /// not stop.
    static func eventually(within limit: Duration = .seconds(20), _ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + limit
        while !condition() && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
    }

    @Test func idleConnectionsAreClosedAfterTheIdleTimeoutAndNotBefore() async throws {
        let server = CountingServer()
        let record = try await server.withRunning { url in
            try await HTTPInferenceClient.withClient(
                configuration: .init(maximumConnections: 1, eventLoops: 1, idleTimeout: .milliseconds(200))
            ) { client in
                let record = await Self.send(client, to: url)
                try await Self.eventually { server.connectionsClosed.load(ordering: .relaxed) == 1 }
                return record
            }
        }
        #expect(record.outcome == .ok)
        #expect(server.connectionsClosed.load(ordering: .relaxed) == 1, "closed by the client while it ran")
        let closedAt = try #require(server.lastClosedAt.withLock { $0 })
        let idle = closedAt - record.finishedAt
        #expect(idle >= .milliseconds(195), "idle \(idle) only")
    }

    /// At the end of a load: every idle connection is closed, one still answering is left to
    /// finish, and the client goes on working.
    @Test func closingIdleConnectionsClosesThemAllAndLeavesABusyOne() async throws {
        // Long enough that the busy request is still being answered when the idle ones are
        // closed, however busy the machine (at 50 ms, CI once saw it finish first and close too).
        let server = CountingServer(delay: .seconds(3))
        let (opened, closed, busy, later) = try await server.withRunning { url in
            try await HTTPInferenceClient.withClient(
                configuration: .init(maximumConnections: 8, eventLoops: 2, idleTimeout: Self.neverIdle)
            ) { client in
                // Three at once: three connections, spread over both loops.
                await withTaskGroup(of: Void.self) { group in
                    for index in 0..<3 { group.addTask { _ = await Self.send(client, to: url, index: index) } }
                }
                let busy = Task { await Self.send(client, to: url, index: 3, timeout: .seconds(20)) }
                try await Self.eventually { server.inFlight.load(ordering: .relaxed) == 1 }
                await client.closeIdleConnections()
                #expect(server.inFlight.load(ordering: .relaxed) == 1, "the busy request was still being answered")
                let opened = server.connectionsOpened.load(ordering: .relaxed)
                // All but the busy one (it reused an idle one, or opened a fourth).
                try await Self.eventually { server.connectionsClosed.load(ordering: .relaxed) == opened - 1 }
                let closed = server.connectionsClosed.load(ordering: .relaxed)
                return (opened, closed, await busy.value, await Self.send(client, to: url, index: 4))
            }
        }
        #expect(opened >= 3)
        #expect(closed == opened - 1, "\(closed) of \(opened) closed; all but the busy one should be")
        #expect(busy.outcome == .ok, "\(busy.errorMessage ?? "")")
        #expect(later.outcome == .ok, "\(later.errorMessage ?? "")")
        #expect(server.requestHeads.load(ordering: .relaxed) == 5)
    }

    @Test func cancellingTheCallingTaskEndsTheRequestAsCancelled() async throws {
        let server = CountingServer(delay: .seconds(300))
        let record = try await server.withRunning { url in
            try await HTTPInferenceClient.withClient(configuration: .init(maximumConnections: 1, eventLoops: 1)) {
                client in
                let task = Task { await Self.send(client, to: url) }
                try await Self.eventually { server.requestHeads.load(ordering: .relaxed) == 1 }
                task.cancel()
                return await task.value
            }
        }
        #expect(record.outcome == .cancelled)
        #expect(record.sentAt != nil, "it was written before the cancel")
    }

    @Test(arguments: [
        ("http://[::1]:8080/prefix/", "::1", 8080, "/prefix", "[::1]:8080", nil as String?, false),
        ("https://example.com", "example.com", 443, "", "example.com", "example.com", true),
        ("http://host:80", "host", 80, "", "host", "host", false),
        ("http://10.0.0.1:11434/api", "10.0.0.1", 11434, "/api", "10.0.0.1:11434", nil, false),
    ])
    func parsesBaseURLs(
        url: String, host: String, port: Int, prefix: String, hostHeader: String, serverName: String?, isTLS: Bool
    ) throws {
        let endpoint = try Endpoint(id: 0, baseURL: url)
        #expect(endpoint.host == host)
        #expect(endpoint.port == port)
        #expect(endpoint.pathPrefix == prefix)
        #expect(endpoint.hostHeader == hostHeader)
        #expect(endpoint.serverName == serverName)
        #expect(endpoint.isTLS == isTLS)
        // An address is connected to as it is; a name is looked up for each connection.
        #expect(endpoint.address == (serverName == nil ? try SocketAddress(ipAddress: host, port: port) : nil))
    }

    /// A host name, not an address, still connects: through the name lookup an address skips.
    @Test func aHostNameIsLookedUp() async throws {
        let server = CountingServer()
        let record = try await server.withRunning { url in
            try await HTTPInferenceClient.withClient(configuration: .init(maximumConnections: 1, eventLoops: 1)) {
                await Self.send($0, to: url.replacing("127.0.0.1", with: "localhost"))
            }
        }
        #expect(record.outcome == .ok, "\(record.errorMessage ?? "")")
        #expect(server.requestHeads.load(ordering: .relaxed) == 1)
    }

    /// The last ones would put a line break or a space into the request head, which llmload
    /// writes as it is (``RequestHead``).
    @Test(arguments: [
        "ftp://host", "http://host:0", "http://host:x", "http://", "host:80", "http://[::1",
        "http://host/v1\r\nX-Evil: 1", "http://ho\nst:80", "http://host/a b", "http://host/\u{7F}",
    ])
    func refusesWhatIsNotAnHTTPBaseURL(url: String) {
        #expect(throws: EndpointError.self) { try Endpoint(id: 0, baseURL: url) }
    }
}
