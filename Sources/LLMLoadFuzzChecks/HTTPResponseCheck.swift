import LLMLoadBackends
import NIOCore

/// One connection's bytes through ``HTTPResponseReader``: read in one piece and cut into reads,
/// it must read the same (the same heads, body bytes and ends, or a failure at the same point),
/// and never hand over more body bytes than it was given. The first byte says how many
/// requests the connection carried (1 to 3).
public enum HTTPResponseCheck {
    /// Throws when the two readings of `bytes` differ, or a reading breaks its bounds.
    public static func check(_ bytes: [UInt8]) throws(FuzzFinding) {
        guard let first = bytes.first else { return }
        let requests = 1 + Int(first % 3)
        let connection = Array(bytes.dropFirst())
        let whole = read(ByteCuts.whole(connection), requests: requests)
        let cut = read(ByteCuts.pseudoRandom(connection), requests: requests)
        guard whole == cut else {
            throw FuzzFinding("read whole: \(whole); cut into reads: \(cut)")
        }
        guard whole.bodyBytes <= connection.count, whole.responses.count <= 3 * requests + 1 else {
            throw FuzzFinding("more read than given: \(whole)")
        }
    }

    /// What a reader made of a connection's reads: each response's head, its body bytes joined,
    /// and whether it ended; then the failure, if it failed.
    public struct Reading: Equatable, CustomStringConvertible, Sendable {
        public struct Response: Equatable, CustomStringConvertible, Sendable {
            public var status: Int
            public var keepAlive: Bool
            public var body: [UInt8] = []
            public var ended = false

            public init(status: Int, keepAlive: Bool) {
                self.status = status
                self.keepAlive = keepAlive
            }

            public var description: String {
                "\(status) keepAlive \(keepAlive) \(body.count) B\(ended ? " ended" : "")"
            }
        }

        public var responses: [Response] = []
        public var failure: String?

        public init() {}

        public var failed: Bool { failure != nil }

        var bodyBytes: Int { responses.reduce(0) { $0 + $1.body.count } }

        public var description: String { "\(responses)\(failure.map { " then \($0)" } ?? "")" }
    }

    /// What ``HTTPResponseReader`` reads from `reads`, `requests` responses expected, the
    /// connection closed after the last.
    public static func read(_ reads: [ByteBuffer], requests: Int) -> Reading {
        var reader = HTTPResponseReader()
        for _ in 0..<requests { reader.expectResponse() }
        var reading = Reading()
        func take(_ part: HTTPResponseReader.Part) {
            switch part {
            case .head(let status, let keepAlive):
                reading.responses.append(Reading.Response(status: status, keepAlive: keepAlive))
            case .body(let buffer):
                reading.responses[reading.responses.count - 1].body += Array(buffer.readableBytesView)
            case .end:
                reading.responses[reading.responses.count - 1].ended = true
            }
        }
        do {
            for var read in reads {
                while let part = try reader.next(from: &read) { take(part) }
            }
        } catch {
            reading.failure = error.description
            return reading
        }
        if let end = reader.endOfInput() { take(end) }
        return reading
    }
}
