import Foundation
import LLMLoadSimulator
import LLMLoadTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// One connection carrying several requests: the simulator answers generation routes in its own
/// handler and hands the rest to Hummingbird, so the two must take turns on a connection in
/// request order, as HTTP/1.1 requires.
@Suite(.timeLimit(.minutes(1)))
struct SimulatorConnectionTests {
    static let configuration = simulatorConfiguration(ttftMilliseconds: 20, itlMilliseconds: 2, outputTokens: 3)

    @Test func pipelinedRequestsAreAnsweredInTheOrderSent() async throws {
        let answer = try await withSimulator(Self.configuration) { baseURL, _ in
            try await RawConnection(baseURL).exchange(
                Self.post("/v1/chat/completions", #"{"model":"llmload-sim","stream":true,"messages":[]}"#)
                    + "GET /v1/models HTTP/1.1\r\nHost: x\r\n\r\n"
                    + Self.post("/api/generate", #"{"model":"llmload-sim","prompt":"hi"}"#)
                    + "GET /api/version HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        }
        let markers = ["data: [DONE]", #""object":"list""#, #""done":true"#, #""version":"#]
        let offsets = markers.map { answer.range(of: $0)?.lowerBound }
        #expect(offsets.allSatisfy { $0 != nil }, "every answer arrived: \(answer)")
        let found = offsets.compactMap { $0 }
        #expect(found == found.sorted(), "answers in request order")
        #expect(answer.components(separatedBy: "HTTP/1.1 200 OK").count - 1 == 4)
    }

    @Test func aWaitingRequestAnsweredAtOnceLetsTheNextOnesThrough() async throws {
        let answer = try await withSimulator(Self.configuration) { baseURL, _ in
            try await RawConnection(baseURL).exchange(
                Self.post("/api/generate", #"{"model":"llmload-sim","prompt":"hi"}"#)
                    + Self.post("/api/generate", "not json")
                    + Self.post("/api/chat", #"{"model":"nobody","messages":[]}"#)
                    + "GET /api/version HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        }
        let statuses = answer.components(separatedBy: "HTTP/1.1 ").dropFirst().map { $0.prefix(3) }
        #expect(statuses == ["200", "400", "404", "200"], "\(answer)")
        #expect(answer.hasSuffix(#"{"version":"0.0.0-llmload-sim"}"#))
    }

    /// The connection keeps the exchange of a request that starts while another's answer ends
    /// (here a stream waiting behind a stream, then a 404 answered at once):
    /// when the client goes away, that exchange is cancelled (its record cut short), not left
    /// generating into a closed connection.
    @Test func aStreamStartedBehindAnAnswerGivenAtOnceIsCancelledWithItsConnection() async throws {
        let slow = simulatorConfiguration(ttftMilliseconds: 1000, itlMilliseconds: 2, outputTokens: 3)
        let truths = try await withSimulator(slow) { baseURL, truth in
            _ = try await RawConnection(baseURL).exchange(
                Self.post("/v1/completions", #"{"model":"llmload-sim","prompt":"hi","stream":true}"#)
                    + Self.post("/api/chat", #"{"model":"nobody","messages":[]}"#)
                    + Self.post("/api/generate", #"{"model":"llmload-sim","prompt":"hi"}"#, id: "b"),
                closingAt: "Content-Type: application/x-ndjson")
            let deadline = ContinuousClock.now + .seconds(5)
            while truth.all.first(where: { $0.requestID == "b" }) == nil, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(10))
            }
            return truth.all
        }
        let streamed = try #require(truths.first { $0.requestID == "b" }, "the stream was recorded")
        #expect(streamed.outputTokens == 0, "cancelled when the connection closed, before its first token")
    }

    @Test func aStreamAskedToCloseEndsWithItsTerminatorThenCloses() async throws {
        let answer = try await withSimulator(Self.configuration) { baseURL, _ in
            try await RawConnection(baseURL).exchange(
                Self.post("/api/chat", #"{"model":"llmload-sim","messages":[]}"#, close: true))
        }
        #expect(answer.hasPrefix("HTTP/1.1 200 OK"))
        #expect(answer.contains("Content-Type: application/x-ndjson"))
        #expect(answer.hasSuffix("\r\n0\r\n\r\n"), "the chunked body ends, then the connection closes")
    }

    @Test func aBodyThatIsNotJSONIsABadRequestAndTheConnectionServesTheNext() async throws {
        let answer = try await withSimulator(Self.configuration) { baseURL, _ in
            try await RawConnection(baseURL).exchange(
                Self.post("/v1/completions", "not json")
                    + Self.post("/v1/completions", #"{"model":"llmload-sim","prompt":"hi"}"#, close: true))
        }
        #expect(answer.hasPrefix("HTTP/1.1 400 Bad Request"))
        #expect(answer.contains(#"{"error":"invalid JSON request body"}"#))
        #expect(answer.contains(#""object":"text_completion""#), "the next request was answered")
    }

    static func post(_ path: String, _ body: String, close: Bool = false, id: String? = nil) -> String {
        "POST \(path) HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n"
            + (close ? "Connection: close\r\n" : "") + (id.map { "X-Request-Id: \($0)\r\n" } ?? "") + "\r\n" + body
    }
}

/// A plain TCP connection: writes requests exactly as given (pipelined, if several) and reads
/// until the server closes.
private struct RawConnection {
    let port: UInt16

    init(_ baseURL: String) throws {
        guard let port = URL(string: baseURL)?.port.flatMap(UInt16.init(exactly:)) else {
            throw POSIXError(.EINVAL)
        }
        self.port = port
    }

    /// On a thread of its own: blocking the cooperative pool's few threads in `recv` would stall
    /// the simulator's Hummingbird tasks, which need them to answer.
    /// Reads until the server closes, or until the answer holds `marker`, then closes itself.
    func exchange(_ requests: String, closingAt marker: String? = nil) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try blockingExchange(requests, closingAt: marker) }) }.start()
        }
    }

    private func blockingExchange(_ requests: String, closingAt marker: String?) throws -> String {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw POSIXError(.EIO) }
        defer { close(socket) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
        let bytes = Array(requests.utf8)
        guard send(socket, bytes, bytes.count, 0) == bytes.count else { throw POSIXError(.EIO) }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(socket, &buffer, buffer.count, 0)
            if count == 0 { break }
            guard count > 0 else { throw POSIXError(.ETIMEDOUT) }
            answer += buffer[..<count]
            if let marker, String(decoding: answer, as: UTF8.self).contains(marker) { break }
        }
        return String(decoding: answer, as: UTF8.self)
    }
}
