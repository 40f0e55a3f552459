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

    /// What the reader made of a connection's reads: the parts, body bytes joined.
    struct Reading: Equatable, CustomStringConvertible {
        var responses: [(status: Int, keepAlive: Bool, body: [UInt8], ended: Bool)] = []
        var failure: String?

        var bodyBytes: Int { responses.reduce(0) { $0 + $1.body.count } }

        var description: String {
            let parts = responses.map {
                "\($0.status) keepAlive \($0.keepAlive) \($0.body.count) B\($0.ended ? " ended" : "")"
            }
            return "\(parts)\(failure.map { " then \($0)" } ?? "")"
        }

        static func == (left: Reading, right: Reading) -> Bool {
            left.failure == right.failure && left.responses.count == right.responses.count
                && zip(left.responses, right.responses).allSatisfy {
                    $0.status == $1.status && $0.keepAlive == $1.keepAlive && $0.body == $1.body && $0.ended == $1.ended
                }
        }
    }

    static func read(_ reads: [ByteBuffer], requests: Int) -> Reading {
        var reader = HTTPResponseReader()
        for _ in 0..<requests { reader.expectResponse() }
        var reading = Reading()
        func take(_ part: HTTPResponseReader.Part) {
            switch part {
            case .head(let status, let keepAlive):
                reading.responses.append((status, keepAlive, [], false))
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
