import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A raw TCP server on loopback that answers every request with a response head announcing
/// `Content-Length: 100`, sends one byte of the body, and then stalls with the connection open:
/// the server that must not hang llmload's discovery or `/tokenize`.
///
/// Plain POSIX sockets on a thread of its own, so the stall is exactly what is written here
/// (no HTTP library on the server side that could finish the body).
public final class StallingServer: Sendable {
    /// The loopback port it listens on.
    public let port: Int
    private let listener: Int32
    /// Connections accepted, kept open until ``close()``.
    private let connections = Mutex<[Int32]>([])
    /// Requests whose head was read (so a test can wait until the client is stuck).
    private let requestCount = Atomic(0)

    /// Runs `body` with a server listening, and closes the server afterwards.
    public static func withServer<Result>(_ body: (StallingServer) async throws -> Result) async throws -> Result {
        let server = try StallingServer()
        defer { server.close() }
        return try await body(server)
    }

    /// How many requests arrived so far.
    public var requestsReceived: Int { requestCount.load(ordering: .relaxed) }

    private init() throws {
        (listener, port) = try LoopbackListener.open(backlog: 16)
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    /// Accepts until the listener is shut down; each connection gets the stalling answer.
    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else {
                if errno == EINTR { continue }
                return
            }
            connections.withLock { $0.append(connection) }
            let thread = Thread { [self] in answer(on: connection) }
            thread.start()
        }
    }

    /// Reads one request head, then writes a head promising 100 bytes and only one of them.
    private func answer(on connection: Int32) {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !received.ends(with: Array("\r\n\r\n".utf8)) {
            let count = read(connection, &buffer, buffer.count)
            guard count > 0 else { return }
            received += buffer[0..<count]
        }
        requestCount.add(1, ordering: .relaxed)
        let answer = Array("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{".utf8)
        _ = answer.withUnsafeBytes { write(connection, $0.baseAddress, $0.count) }
    }

    /// Stops listening and closes every connection.
    public func close() {
        _ = shutdown(listener, Int32(SHUT_RDWR))
        LoopbackListener.closeDescriptor(listener)
        for connection in connections.withLock({ $0 }) {
            _ = shutdown(connection, Int32(SHUT_RDWR))
            LoopbackListener.closeDescriptor(connection)
        }
    }
}

extension Array where Element == UInt8 {
    fileprivate func ends(with suffix: [UInt8]) -> Bool {
        count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix
    }
}
