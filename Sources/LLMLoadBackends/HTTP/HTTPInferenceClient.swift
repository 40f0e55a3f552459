import AsyncHTTPClient
import LLMLoadCore
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// Sends inference requests over HTTP and measures them. One per run.
///
/// Per-request failures never throw: they come back as a ``RequestRecord`` with a failed
/// outcome (STYLE C4). Create it with ``withClient(configuration:_:)``, which shuts it down.
public struct HTTPInferenceClient: Sendable {
    /// Transport settings that decide whether the client can keep up with the load.
    public struct Configuration: Sendable {
        /// Connections the pool may open to the target. Set it to at least the number of
        /// requests in flight: below that, requests queue inside the client (STYLE C11).
        public var maximumConnections: Int
        public var connectTimeout: Duration
        /// `false` skips TLS certificate verification (`--insecure`).
        public var verifiesCertificates: Bool
        /// Event loops (threads) reading responses; `nil`: one a core this process may use
        /// (``UsableCores``).
        public var eventLoops: Int?
        /// How long a connection may stay idle before the client closes it.
        public var idleTimeout: Duration

        public init(
            maximumConnections: Int, connectTimeout: Duration = .seconds(10), verifiesCertificates: Bool = true,
            eventLoops: Int? = nil, idleTimeout: Duration = HTTPInferenceClient.idleConnectionTimeout
        ) {
            self.idleTimeout = idleTimeout
            self.maximumConnections = maximumConnections
            self.connectTimeout = connectTimeout
            self.verifiesCertificates = verifiesCertificates
            self.eventLoops = eventLoops
        }
    }

    /// One AHC client per event loop, each with a one-loop group, used in turn, for the plain
    /// exchanges (discovery, `/tokenize`, the server-metrics scrape). A response's callbacks must
    /// run on the loop that reads its connection, or each instant is taken a thread wake-up late;
    /// with one loop per client, every connection of a client is on that loop.
    private let clients: [HTTPClient]
    /// llmload's own HTTP/1.1 transport for the load's requests, one pool per loop (the same
    /// loops as `clients`): AHC's request machinery cost more CPU than all of llmload's own
    /// per-request work (docs/performance.md).
    let pools: [ConnectionPool]
    /// One per pool, on its loop (``taskExecutor(forRequest:)``).
    private let executors: [EventLoopExecutor]
    let endpoints = EndpointTable()
    let turn: Turn

    /// Picks the next client.
    final class Turn: Sendable {
        let counter = Atomic(0)
    }

    /// The next client in turn.
    var httpClient: HTTPClient {
        clients[turn.counter.wrappingAdd(1, ordering: .relaxed).oldValue % clients.count]
    }

    /// The event loops reading responses: one per core unless configured otherwise.
    public var eventLoopCount: Int { clients.count }

    /// The executor to run request `index`'s task on (`addTask(executorPreference:)`): one of
    /// the client's event loops, in turn, so that the request is sent, read and recorded on one
    /// thread, without a hop to the Swift concurrency pool and back.
    public func taskExecutor(forRequest index: Int) -> any TaskExecutor {
        executors[index % executors.count]
    }

    /// Runs `task` on event loop `index` (`0..<eventLoopCount`) at `deadline`, or as soon as
    /// the loop is free after it. Every instant of a response is taken on these loops, so how
    /// late such a task runs is how late those instants are (the run's lag probe measures it).
    /// Tasks still pending when the client shuts down are dropped.
    public func execute(
        onEventLoop index: Int, at deadline: ContinuousClock.Instant, _ task: @escaping @Sendable () -> Void
    ) {
        // Relative, because NIO's deadlines and `ContinuousClock` are different clocks.
        let delay = max(.zero, deadline - .now)
        _ = clients[index].eventLoopGroup.next().scheduleTask(in: .nanoseconds(delay.nanoseconds)) { task() }
    }

    /// The executor of event loop `index` (`0..<eventLoopCount`): a task preferring it runs on
    /// that loop's thread, where the loop's requests are sent (``taskExecutor(forRequest:)``).
    public func taskExecutor(ofEventLoop index: Int) -> any TaskExecutor {
        executors[index]
    }

    /// Returns at `deadline` by event loop `index`'s own timer, or as soon as the loop is free
    /// after it; at once, without suspending, when `deadline` has passed. Throws when the
    /// calling task is cancelled. A task on that loop (``taskExecutor(ofEventLoop:)``) wakes
    /// from it without another thread: `Task.sleep` and `Clock.sleep` wait on Swift's global
    /// executor, whose timer thread wakes a pool thread, which then wakes the loop.
    public func sleep(onEventLoop index: Int, until deadline: ContinuousClock.Instant) async throws {
        try Task.checkCancellation()
        let delay = deadline - .now
        // A dispatcher behind its schedule sends what is due in one go: a timer of no delay
        // would wait behind everything else queued on the loop, once for each request.
        guard delay > .zero else { return }
        let scheduled = pools[index].loop.scheduleTask(in: .nanoseconds(delay.nanoseconds)) {}
        try await withTaskCancellationHandler {
            try await scheduled.futureResult.get()
        } onCancel: {
            scheduled.cancel()
        }
    }

    /// How long a connection may stay idle in the pool: below the 5 s after which common
    /// servers close it on their side.
    public static let idleConnectionTimeout = Duration.seconds(3)

    /// Runs `body` with a client, and shuts the client down on both the normal and error paths.
    public static func withClient<Result>(
        configuration: Configuration,
        _ body: (HTTPInferenceClient) async throws -> Result
    ) async throws -> Result {
        let loops = max(1, configuration.eventLoops ?? UsableCores.count ?? System.coreCount)
        // Each loop's share of the connections, for the load's pool and AHC's alike (discovery,
        // `/tokenize` and the scrape use AHC, never the load's connections).
        let connectionsPerLoop = max(1, (configuration.maximumConnections + loops - 1) / loops)
        var settings = HTTPClient.Configuration()
        // Servers close idle keep-alive connections after a few seconds (llama.cpp's
        // cpp-httplib and vLLM's uvicorn after 5 s, later when they are busy): a request sent on
        // such a connection just as the server closes it fails without reaching the server. The
        // client closes them first, so every failure recorded is the server's.
        settings.connectionPool = .init(
            idleTimeout: .nanoseconds(configuration.idleTimeout.nanoseconds),
            concurrentHTTP1ConnectionsPerHostSoftLimit: connectionsPerLoop
        )
        settings.timeout = .init(connect: .nanoseconds(configuration.connectTimeout.nanoseconds), read: nil)
        // AHC retries failed connection attempts with back-off until the request's deadline:
        // a dead server would look like slow requests. A load test must see the failure.
        settings.connectionPool.retryConnectionEstablishment = false
        settings.httpVersion = .http1Only
        settings.decompression = .disabled
        if !configuration.verifiesCertificates {
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.certificateVerification = .none
            settings.tlsConfiguration = tls
        }
        let groups = (0..<loops).map { _ in MultiThreadedEventLoopGroup(numberOfThreads: 1) }
        let clients = groups.map { HTTPClient(eventLoopGroupProvider: .shared($0), configuration: settings) }
        let poolSettings = ConnectionPool.Settings(
            limit: connectionsPerLoop,
            connectTimeout: .nanoseconds(configuration.connectTimeout.nanoseconds),
            idleTimeout: .nanoseconds(configuration.idleTimeout.nanoseconds),
            tls: settings.tlsConfiguration ?? .makeClientConfiguration()
        )
        let pools = groups.map { ConnectionPool(loop: $0.next(), settings: poolSettings) }
        let result: Result
        do {
            result = try await body(
                HTTPInferenceClient(
                    clients: clients, pools: pools, executors: pools.map { EventLoopExecutor($0.loop) }, turn: Turn()))
        } catch {
            await shutDown(clients, groups)
            throw error
        }
        await shutDown(clients, groups)
        return result
    }

    private static func shutDown(_ clients: [HTTPClient], _ groups: [MultiThreadedEventLoopGroup]) async {
        for client in clients { try? await client.shutdown() }
        for group in groups { try? await group.shutdownGracefully() }
    }

    /// Closes the load's idle connections and waits until they have: at the end of a load,
    /// after its drain, so that what they hold (a channel, its pipeline and buffers each: a few
    /// MB for a thousand) is freed before the summary and report are made. A request sent
    /// after this opens a connection.
    public func closeIdleConnections() async {
        for pool in pools {
            _ = try? await pool.loop.flatSubmit { pool.closeIdleConnections() }.get()
        }
    }

    /// Sends one request and measures it until its response ends, fails, times out, or the
    /// calling task is cancelled (recorded as `cancelled`).
    ///
    /// A request whose connection closed before any byte of the answer is sent again, at most
    /// twice more, and marked (``RequestRecord/resentOnClosedConnection``): servers close idle
    /// keep-alive connections on their own schedule (llama.cpp right after an answer that took
    /// over 5 s), and a request written as that happens never reached the server. Its
    /// scheduled instant stays, so the time lost shows as schedule lag, not as server latency.
    /// - Parameters:
    ///   - baseURL: the target without the API path, for example `http://127.0.0.1:11434`.
    ///   - headers: extra headers, such as a request id the server can log.
    public func execute<API: InferenceAPI>(
        _ plan: RequestPlan,
        api: API,
        baseURL: String,
        timeout: Duration,
        headers: [(String, String)] = []
    ) async -> RequestRecord {
        await execute(OutgoingRequest(plan: plan, api: api, baseURL: baseURL, timeout: timeout, headers: headers))
            .record
    }

    /// Sends `request` as ``execute(_:api:baseURL:timeout:headers:)`` does. Everything goes in
    /// and comes out by reference: a request in flight keeps the frames of the task waiting for
    /// it, and a plan and a record held there by value are 592 and 576 bytes.
    public func execute(_ request: OutgoingRequest) async -> ExchangeOutcome {
        // On a loop of its own (``taskExecutor(forRequest:)``), a request is sent by that loop's
        // pool, at once; from elsewhere, by the next pool in turn, through its loop. The task
        // waits on one continuation while the attempts run on the loop (``start``'s own).
        let local = pools.firstIndex { $0.loop.inEventLoop }
        let index = local ?? turn.counter.wrappingAdd(1, ordering: .relaxed).oldValue % pools.count
        let cancellation = AttemptCancellation()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<ExchangeOutcome, Never>) in
                start(request, onEventLoop: index, cancellation: cancellation) { continuation.resume(returning: $0) }
            }
        } onCancel: {
            pools[index].loop.execute { cancellation.cancel() }
        }
    }
}
