import LLMLoadCore

/// Seeded random HTTP/1.x responses as one connection carries them, for the reader's
/// differential tests: every way a body ends (a length, chunks with extensions and trailers, the
/// connection's close), bodiless statuses, interim responses, both versions, any header case.
enum ResponseGenerator {
    struct Connection {
        var bytes: [UInt8] = []
        var responses = 0
        /// Per response: whether its body ends only when the connection closes.
        var endsAtClose: [Bool] = []
    }

    /// One to three responses; every one but the last leaves the connection open.
    static func connection(_ random: inout SplitMix64) -> Connection {
        var connection = Connection()
        let count = Int.random(in: 1...3, using: &random)
        for index in 0..<count {
            let (bytes, endsAtClose) = response(isLast: index == count - 1, &random)
            connection.bytes += bytes
            connection.responses += 1
            connection.endsAtClose.append(endsAtClose)
        }
        return connection
    }

    private static func response(isLast: Bool, _ random: inout SplitMix64) -> ([UInt8], Bool) {
        var text = ""
        if Int.random(in: 0..<10, using: &random) == 0 { text += "HTTP/1.1 100 Continue\r\n\r\n" }
        let isHTTP10 = Int.random(in: 0..<5, using: &random) == 0
        let status = [200, 200, 200, 201, 204, 304, 400, 404, 429, 500, 503].randomElement(using: &random)!
        let reason = ["OK", "Whatever It Says", ""].randomElement(using: &random)!
        text += "HTTP/1.\(isHTTP10 ? 0 : 1) \(status) \(reason)\r\n"
        var headers: [(String, String)] = []
        for _ in 0..<Int.random(in: 0...3, using: &random) {
            headers.append(
                [("Server", "simulator"), ("X-Request-Id", "  llmload-7 "), ("Date", "Thu, 03 Dec 2026 15:00:00 GMT")]
                    .randomElement(using: &random)!)
        }
        // Every response but the last must keep the connection and frame its body.
        let bodiless = status == 204 || status == 304
        let framing = isLast ? Int.random(in: 0..<3, using: &random) : Int.random(in: 0..<2, using: &random)
        var connection = ["", "keep-alive", "close", "Keep-Alive, Upgrade"].randomElement(using: &random)!
        if !isLast { connection = isHTTP10 ? "keep-alive" : ["", "keep-alive"].randomElement(using: &random)! }
        if !connection.isEmpty { headers.append(("Connection", connection)) }
        let body = (0..<(bodiless ? 0 : Int.random(in: 0...300, using: &random))).map { _ in
            UInt8.random(in: 0...255, using: &random)
        }
        var bodyBytes: [UInt8] = []
        var endsAtClose = false
        switch framing {
        case 0:
            headers.append(("Content-Length", String(body.count)))
            bodyBytes = body
        case 1 where bodiless:
            if Bool.random(using: &random) { headers.append(("Content-Length", "42")) }  // 304's length of the original
        case 1:
            headers.append(("Transfer-Encoding", "chunked"))
            bodyBytes = chunked(body, &random)
        default:
            endsAtClose = !bodiless
            bodyBytes = body
        }
        headers.shuffle(using: &random)
        for (name, value) in headers {
            let cased = String(
                name.map { Bool.random(using: &random) ? Character($0.uppercased()) : Character($0.lowercased()) })
            text += "\(cased):\(Bool.random(using: &random) ? " " : "")\(value)\r\n"
        }
        text += "\r\n"
        return (Array(text.utf8) + bodyBytes, endsAtClose)
    }

    /// `body` in chunks of random sizes, some with extensions, then trailers sometimes.
    private static func chunked(_ body: [UInt8], _ random: inout SplitMix64) -> [UInt8] {
        var bytes: [UInt8] = []
        var start = 0
        while start < body.count {
            let size = min(body.count - start, Int.random(in: 1...120, using: &random))
            let digits = String(size, radix: 16, uppercase: Bool.random(using: &random))
            let zeros = String(repeating: "0", count: Int.random(in: 0...2, using: &random))
            let extensions = Int.random(in: 0..<5, using: &random) == 0 ? ";name=value" : ""
            bytes += Array("\(zeros)\(digits)\(extensions)\r\n".utf8) + body[start..<start + size] + Array("\r\n".utf8)
            start += size
        }
        bytes += Array("0\r\n".utf8)
        if Int.random(in: 0..<4, using: &random) == 0 { bytes += Array("X-Trailer: done\r\n".utf8) }
        return bytes + Array("\r\n".utf8)
    }
}
