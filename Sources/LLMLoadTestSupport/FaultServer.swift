import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A raw TCP server on loopback that speaks just enough Ollama or OpenAI to pass llmload's
/// discovery, then answers each generation request with a scripted fault (``ServerFault``):
/// the server of the socket-level fault matrix. The script is one fault for every request, or
/// one per request: request *i* (the index llmload puts in `X-Request-Id`) gets fault
/// *i* modulo the script's length.
///
/// Plain POSIX sockets and a thread per connection, like ``StallingServer``: each fault is
/// exactly the bytes (and silences, resets and closes) written in `FaultServer+Scripts.swift`,
/// with no HTTP library on the server side to tidy them up. Discovery answers carry
/// `Connection: close`, so every generation request arrives on a connection of its own.
///
/// Every connection's descriptor is closed by its own thread only (after removing it from the
/// open set under the lock); ``close()`` merely shuts sockets down, which wakes those threads.
/// So no descriptor is closed twice, or after its number was reused elsewhere in the process.
public final class FaultServer: Sendable {
    /// Which API family it speaks.
    public enum API: String, Sendable, CaseIterable {
        /// Ollama's native API: `/api/version`, `/api/tags`, NDJSON from `/api/generate` or `/api/chat`.
        case ollama
        /// OpenAI-compatible: `/v1/models`, Server-Sent Events from `/v1/chat/completions` or `/v1/completions`.
        case openAI
    }

    /// The only model it lists.
    public static let model = "fault-model"

    /// The loopback port it listens on.
    public let port: Int
    /// The API family it speaks.
    public let api: API
    /// What the generation requests get: request *i* the fault at *i* modulo the count.
    public let faults: [ServerFault]
    private let listener: Int32
    /// Connections open now (their threads close them).
    private let connections = Mutex<Set<Int32>>([])
    private let generationCount = Atomic(0)
    private let closed = Atomic(false)
    /// Whether the listener is still to be shut down: exactly one of ``stopListening()`` and a
    /// failing accept loop takes it, so the listener is never shut down after its descriptor
    /// was closed (and its number perhaps reused by another socket of the process).
    private let listening = Atomic(true)

    /// `http://127.0.0.1:<port>`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Generation requests whose head and body were read so far.
    public var generationRequests: Int { generationCount.load(ordering: .relaxed) }

    /// Whether ``close()`` was called: scripts that loop stop at their next step.
    var isClosed: Bool { closed.load(ordering: .relaxed) }

    /// Runs `body` with a server listening that plays `fault` on every generation request, and
    /// shuts it down afterwards.
    public static func withServer<Result>(
        api: API, fault: ServerFault, _ body: (FaultServer) async throws -> Result
    ) async throws -> Result {
        try await withServer(api: api, faults: [fault], body)
    }

    /// Runs `body` with a server listening that plays `faults[i % faults.count]` on request
    /// *i*, and shuts it down afterwards. ``ServerFault/refuse`` concerns the whole server (it
    /// stops listening), so it can only be the script's one fault.
    public static func withServer<Result>(
        api: API, faults: [ServerFault], _ body: (FaultServer) async throws -> Result
    ) async throws -> Result {
        precondition(!faults.isEmpty && (faults == [.refuse] || !faults.contains(.refuse)))
        let server = try FaultServer(api: api, faults: faults)
        defer { server.close() }
        return try await body(server)
    }

    private init(api: API, faults: [ServerFault]) throws {
        self.api = api
        self.faults = faults
        (listener, port) = try LoopbackListener.open(backlog: 64)
        Thread { [self] in acceptLoop() }.start()
    }

    /// Stops listening and shuts every open connection down (their threads then close them).
    public func close() {
        closed.store(true, ordering: .relaxed)
        stopListening()
        connections.withLock { open in
            for connection in open { _ = shutdown(connection, Int32(SHUT_RDWR)) }
        }
    }

    /// Makes new connections fail with `ECONNREFUSED`: a listening socket that is shut down
    /// leaves the listening state at once; the accept loop then closes it.
    func stopListening() {
        guard listening.exchange(false, ordering: .acquiringAndReleasing) else { return }
        _ = shutdown(listener, Int32(SHUT_RDWR))
    }

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else {
                if errno == EINTR || errno == ECONNABORTED { continue }
                // Shut down by `stopListening()`, or failed: either way no one shuts it down now.
                _ = listening.exchange(false, ordering: .acquiringAndReleasing)
                LoopbackListener.closeDescriptor(listener)
                return
            }
            var noDelay: Int32 = 1
            _ = setsockopt(
                connection, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
            connections.withLock { _ = $0.insert(connection) }
            if isClosed {
                _ = shutdown(connection, Int32(SHUT_RDWR))
            }
            Thread { [self] in serve(FaultConnection(descriptor: connection, server: self)) }.start()
        }
    }

    /// Reads one request; answers discovery normally and a generation request with the fault.
    private func serve(_ connection: FaultConnection) {
        defer { release(connection.descriptor) }
        guard let request = connection.readRequest() else { return }
        if request.method == "POST" && Self.generationPaths.contains(request.path) {
            let arrival = generationCount.wrappingAdd(1, ordering: .relaxed).oldValue
            perform(faults[(request.index ?? arrival) % faults.count], on: connection, for: request)
        } else {
            answerDiscovery(request, on: connection)
        }
    }

    /// The paths whose requests get the fault; every other request is discovery.
    static let generationPaths: Set<String> = [
        "/api/generate", "/api/chat", "/v1/chat/completions", "/v1/completions",
    ]

    private func answerDiscovery(_ request: FaultRequest, on connection: FaultConnection) {
        let body: String?
        switch (api, request.path) {
        case (.ollama, "/api/version"): body = #"{"version":"0.0.0-fault"}"#
        case (.ollama, "/api/tags"): body = #"{"models":[{"name":"\#(Self.model)"}]}"#
        case (.openAI, "/v1/models"): body = #"{"object":"list","data":[{"id":"\#(Self.model)","object":"model"}]}"#
        default: body = nil
        }
        // Once the model list is out, discovery is over: a refusing server stops listening
        // before it answers, so no request of the load can connect.
        if faults == [.refuse] && (request.path == "/api/tags" || request.path == "/v1/models") { stopListening() }
        if let body {
            connection.writeAnswer(status: "200 OK", headers: [], body: body)
        } else {
            connection.writeAnswer(status: "404 Not Found", headers: [], body: #"{"error":"not found"}"#)
        }
        connection.finish()
    }

    /// Removes `descriptor` from the open set and closes it; under the lock, so ``close()``
    /// never shuts down a number that was closed and reused.
    private func release(_ descriptor: Int32) {
        connections.withLock { open in
            open.remove(descriptor)
            LoopbackListener.closeDescriptor(descriptor)
        }
    }
}

/// A request as the fault server read it: enough to route it.
struct FaultRequest {
    var method: String
    var path: String
    /// The request's index, from llmload's `X-Request-Id: llmload-<run>-<index>`.
    var index: Int?
}
