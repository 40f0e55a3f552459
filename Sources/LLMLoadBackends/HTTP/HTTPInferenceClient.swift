import AsyncHTTPClient
import LLMLoadCore
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL

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

        public init(maximumConnections: Int, connectTimeout: Duration = .seconds(10), verifiesCertificates: Bool = true)
        {
            self.maximumConnections = maximumConnections
            self.connectTimeout = connectTimeout
            self.verifiesCertificates = verifiesCertificates
        }
    }

    private let httpClient: HTTPClient

    /// Runs `body` with a client, and shuts the client down on both the normal and error paths.
    public static func withClient<Result>(
        configuration: Configuration,
        _ body: (HTTPInferenceClient) async throws -> Result
    ) async throws -> Result {
        var settings = HTTPClient.Configuration()
        settings.connectionPool = .init(
            idleTimeout: .seconds(60),
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
        return try await HTTPClient.withHTTPClient(configuration: settings) { client in
            try await body(HTTPInferenceClient(httpClient: client))
        }
    }

    /// Sends one request and measures it until its response ends, fails, times out, or the
    /// calling task is cancelled (recorded as `cancelled`).
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
            return failed.makeRecord(for: plan, endedAt: .now)
        }
        let delegate = ObservingDelegate(observer: observer)
        let task = httpClient.execute(
            request: request,
            delegate: delegate,
            // The delegate must run on the connection's own event loop: with `.indifferent`
            // AHC may hop every body part to another loop, and each instant would be taken
            // after that hop (a thread wake-up later than the bytes arrived).
            eventLoop: .delegateAndChannel(on: httpClient.eventLoopGroup.next()),
            deadline: .now() + .nanoseconds(timeout.nanoseconds),
            logger: nil
        )
        await withTaskCancellationHandler {
            do {
                try await task.futureResult.get()
            } catch {
                // The delegate saw the error already; this covers a failure reported only here.
                let (outcome, message) = TransportFailure.classify(error)
                let now = ContinuousClock.now
                delegate.observer.withLock { $0.failed(outcome, message, at: now) }
            }
        } onCancel: {
            task.cancel()
        }
        let now = ContinuousClock.now
        return delegate.observer.withLock { $0.makeRecord(for: plan, endedAt: now) }
    }

    /// A plain GET returning status and body (at most `limit` bytes), for discovery.
    public func get(
        _ url: String,
        headers: [(String, String)] = [],
        timeout: Duration,
        limit: Int = 1 << 20
    ) async throws -> (status: Int, body: ByteBuffer) {
        var request = HTTPClientRequest(url: url)
        request.headers.add(contentsOf: headers)
        let response = try await httpClient.execute(request, timeout: .nanoseconds(timeout.nanoseconds))
        let body = try await response.body.collect(upTo: limit)
        return (Int(response.status.code), body)
    }

    /// A plain POST of a JSON body returning status and body (at most `limit` bytes), for
    /// endpoints other than generation (`/tokenize`).
    public func post(
        _ url: String,
        json body: ByteBuffer,
        headers: [(String, String)] = [],
        timeout: Duration,
        limit: Int = 16 << 20
    ) async throws -> (status: Int, body: ByteBuffer) {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(contentsOf: headers)
        request.body = .bytes(body)
        let response = try await httpClient.execute(request, timeout: .nanoseconds(timeout.nanoseconds))
        let answer = try await response.body.collect(upTo: limit)
        return (Int(response.status.code), answer)
    }
}
