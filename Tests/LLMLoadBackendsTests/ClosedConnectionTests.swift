import LLMLoadBackends
import LLMLoadCore
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization
import Testing

/// A server that answers `answersPerConnection` requests on each connection, then closes the
/// connection when the next request arrives, without a word: what llama.cpp's server does to a
/// keep-alive connection it has just given up on.
final class ClosingServer: Sendable {
    let requestHeads = Atomic(0)
    let answersPerConnection: Int

    init(answersPerConnection: Int) {
        self.answersPerConnection = answersPerConnection
    }

    final class Handler: ChannelInboundHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart
        let server: ClosingServer
        var answered = 0

        init(server: ClosingServer) {
            self.server = server
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head:
                server.requestHeads.add(1, ordering: .relaxed)
                if answered == server.answersPerConnection { context.close(promise: nil) }
            case .body:
                break
            case .end:
                guard context.channel.isActive else { return }
                answered += 1
                let body = ByteBuffer(
                    string: #"{"choices":[{"text":"hi","finish_reason":"stop"}],"#
                        + #""usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}}"#)
                let head = HTTPResponseHead(
                    version: .http1_1, status: .ok,
                    headers: HTTPHeaders([
                        ("Content-Type", "application/json"), ("Content-Length", "\(body.readableBytes)"),
                    ]))
                context.write(wrapOutboundOut(.head(head)), promise: nil)
                context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            }
        }
    }

    /// Serves on a free loopback port while `body` runs with the base URL.
    func withRunning<T>(_ body: (String) async throws -> T) async throws -> T {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(Handler(server: self))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        defer { channel.close(promise: nil) }
        return try await body("http://127.0.0.1:\(channel.localAddress?.port ?? 0)")
    }
}

@Suite struct ClosedConnectionTests {
    func send(_ count: Int, to server: ClosingServer) async throws -> [RequestRecord] {
        try await server.withRunning { baseURL in
            // One event loop, so each request reuses the last one's connection.
            try await HTTPInferenceClient.withClient(
                configuration: .init(maximumConnections: 1, eventLoops: 1, idleTimeout: .seconds(600))
            ) {
                client in
                var records: [RequestRecord] = []
                for index in 0..<count {
                    // A long timeout: a request is sent again only before its deadline, and with
                    // the whole suite running, this task can wait on Swift's pool for over 10 s
                    // between a send and the check (it failed so once, one send instead of three).
                    let request = InferenceRequest(model: "m", prompt: "p", isStreaming: false)
                    records.append(
                        await client.execute(
                            RequestPlan(index: index, scheduledAt: .now, request: request),
                            api: OpenAIAPI(endpoint: .completions), baseURL: baseURL, timeout: .seconds(300)))
                }
                return records
            }
        }
    }

    @Test func aRequestWhoseConnectionClosesBeforeAnyAnswerIsSentAgainAndMarked() async throws {
        let server = ClosingServer(answersPerConnection: 1)
        let records = try await send(6, to: server)
        #expect(records.allSatisfy { $0.outcome == .ok }, "\(records.map { $0.errorMessage ?? "" })")
        #expect(records.allSatisfy { $0.promptTokens?.value == 3 }, "the figures are the answered send's")
        let resent = records.filter(\.resentOnClosedConnection).count
        // Every request that went out on a used connection was closed on, then sent again.
        #expect(resent >= 1, "one connection at most: requests reuse it")
        #expect(server.requestHeads.load(ordering: .relaxed) == 6 + resent)
    }

    @Test func aServerThatAlwaysClosesGetsThreeSendsThenAConnectionError() async throws {
        let server = ClosingServer(answersPerConnection: 0)
        let records = try await send(1, to: server)
        #expect(records.map(\.outcome) == [.connectionError], "\(records.map { $0.errorMessage ?? "" })")
        #expect(records.first?.resentOnClosedConnection == true)
        #expect(server.requestHeads.load(ordering: .relaxed) == 3)
    }
}
