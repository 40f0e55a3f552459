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
        /// Event loops (threads) reading responses; `nil`: one a core.
        public var eventLoops: Int?
        /// Connections kept on each loop, above `maximumConnections`, for requests that are not
        /// the load's (the server-metrics scrape), so that they never take a load request's.
        public var reservedConnectionsPerLoop: Int

        public init(
            maximumConnections: Int, connectTimeout: Duration = .seconds(10), verifiesCertificates: Bool = true,
            eventLoops: Int? = nil, reservedConnectionsPerLoop: Int = 0
        ) {
            self.maximumConnections = maximumConnections
            self.connectTimeout = connectTimeout
            self.verifiesCertificates = verifiesCertificates
            self.eventLoops = eventLoops
            self.reservedConnectionsPerLoop = reservedConnectionsPerLoop
        }
    }

    /// One AHC client per event loop, each with a one-loop group, used in turn. A response's
    /// callbacks must run on the loop that reads its connection, or each instant is taken a
    /// thread wake-up late; AHC can pin a request to a loop (`.delegateAndChannel`), but then
    /// opens a connection just for it and closes it afterwards (no keep-alive, a new TCP
    /// connection per request). With one loop per client, every connection of a client is on
    /// the loop its callbacks run on, and connections are kept and reused.
    private let clients: [HTTPClient]
    private let turn: Turn

    /// Picks the next client.
    private final class Turn: Sendable {
        let counter = Atomic(0)
    }

    /// The next client in turn.
    var httpClient: HTTPClient {
        clients[turn.counter.wrappingAdd(1, ordering: .relaxed).oldValue % clients.count]
    }

    /// The event loops reading responses: one per core unless configured otherwise.
    public var eventLoopCount: Int { clients.count }

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

    /// How long a connection may stay idle in the pool: below the 5 s after which common
    /// servers close it on their side.
    public static let idleConnectionTimeout = TimeAmount.seconds(3)

    /// Runs `body` with a client, and shuts the client down on both the normal and error paths.
    public static func withClient<Result>(
        configuration: Configuration,
        _ body: (HTTPInferenceClient) async throws -> Result
    ) async throws -> Result {
        var settings = HTTPClient.Configuration()
        // Servers close idle keep-alive connections after a few seconds (llama.cpp's
        // cpp-httplib and vLLM's uvicorn after 5 s, later when they are busy): a request sent on
        // such a connection just as the server closes it fails without reaching the server. The
        // client closes them first, so every failure recorded is the server's.
        settings.connectionPool = .init(
            idleTimeout: Self.idleConnectionTimeout,
            concurrentHTTP1ConnectionsPerHostSoftLimit: max(1, configuration.maximumConnections)
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
        let loops = max(1, configuration.eventLoops ?? System.coreCount)
        settings.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit =
            max(1, (configuration.maximumConnections + loops - 1) / loops) + configuration.reservedConnectionsPerLoop
        let groups = (0..<loops).map { _ in MultiThreadedEventLoopGroup(numberOfThreads: 1) }
        let clients = groups.map { HTTPClient(eventLoopGroupProvider: .shared($0), configuration: settings) }
        let result: Result
        do {
            result = try await body(HTTPInferenceClient(clients: clients, turn: Turn()))
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
        // One deadline for every send: a resent request does not get a fresh timeout.
        let deadline = NIODeadline.now() + .nanoseconds(timeout.nanoseconds)
        var resent = false
        for attempt in 1...Self.attemptsOnClosedConnection {
            var (record, closedBeforeAnswer) = await attemptOnce(
                plan, api: api, baseURL: baseURL, deadline: deadline, headers: headers)
            record.resentOnClosedConnection = resent
            guard closedBeforeAnswer, attempt < Self.attemptsOnClosedConnection, !Task.isCancelled,
                NIODeadline.now() < deadline
            else { return record }
            resent = true
        }
        preconditionFailure("the last attempt returns")
    }

    /// Sends of one request when its connection keeps closing before an answer.
    static let attemptsOnClosedConnection = 3

    private func attemptOnce<API: InferenceAPI>(
        _ plan: RequestPlan,
        api: API,
        baseURL: String,
        deadline: NIODeadline,
        headers: [(String, String)]
    ) async -> (RequestRecord, closedBeforeAnswer: Bool) {
        let observer = ResponseObserver(
            decoder: api.makeDecoder(for: plan.request), isStreaming: plan.request.isStreaming)
        let request: HTTPClient.Request
        do {
            var fields = HTTPHeaders([("Content-Type", "application/json"), ("Accept", "*/*")])
            fields.add(contentsOf: headers)
            request = try HTTPClient.Request(
                url: baseURL + api.path,
                method: .POST,
                headers: fields,
                body: .byteBuffer(api.makeBody(for: plan.request))
            )
        } catch {
            var failed = observer
            failed.failed(.connectionError, "cannot build the request: \(error)", at: .now)
            return (failed.makeRecord(for: plan, endedAt: .now), false)
        }
        let delegate = ObservingDelegate(observer: observer)
        let httpClient = httpClient
        let task = httpClient.execute(
            request: request,
            delegate: delegate,
            // The client has one loop: the delegate runs where the connection is read.
            eventLoop: .indifferent,
            deadline: deadline,
            logger: nil
        )
        await withTaskCancellationHandler {
            do {
                try await task.futureResult.get()
            } catch {
                // The delegate saw the error already; this covers a failure reported only here.
                delegate.failed(error, at: .now)
            }
        } onCancel: {
            task.cancel()
        }
        let now = ContinuousClock.now
        let record = delegate.observer.withLock { $0.makeRecord(for: plan, endedAt: now) }
        return (record, delegate.closedBeforeAnswer.load(ordering: .relaxed) && record.outcome == .connectionError)
    }
}
