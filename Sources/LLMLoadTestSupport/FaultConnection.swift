import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One accepted connection of a ``FaultServer``: blocking reads and writes on its descriptor.
///
/// Writes never raise `SIGPIPE` (`MSG_NOSIGNAL`, or `SO_NOSIGPIPE` on Darwin): a client that
/// hung up ends a script with a failed write, not the test process.
struct FaultConnection {
    let descriptor: Int32
    let server: FaultServer

    init(descriptor: Int32, server: FaultServer) {
        self.descriptor = descriptor
        self.server = server
        #if canImport(Darwin)
            var on: Int32 = 1
            _ = setsockopt(descriptor, SOL_SOCKET, SO_NOSIGPIPE, &on, socklen_t(MemoryLayout<Int32>.size))
        #endif
    }

    /// Reads a request head and its `Content-Length` body. The whole body is read before any
    /// answer: closing a socket with unread bytes sends a reset, not the close a script means.
    func readRequest() -> FaultRequest? {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        let separator = Array("\r\n\r\n".utf8)
        var headEnd: Int?
        while headEnd == nil {
            let count = read(descriptor, &buffer, buffer.count)
            guard count > 0 else { return nil }
            received += buffer[0..<count]
            headEnd = Self.firstRange(of: separator, in: received)
        }
        guard let headEnd else { return nil }
        let head = String(decoding: received[..<headEnd], as: UTF8.self)
        let lines = head.split(separator: "\r\n")
        let requestLine = lines.first?.split(separator: " ") ?? []
        guard requestLine.count >= 2 else { return nil }
        let contentLength =
            lines.dropFirst().lazy.compactMap { line -> Int? in
                let parts = line.split(separator: ":", maxSplits: 1)
                guard parts.count == 2, parts[0].lowercased() == "content-length" else { return nil }
                return Int(parts[1].trimmingCharacters(in: .whitespaces))
            }.first ?? 0
        var bodyBytes = received.count - (headEnd + separator.count)
        while bodyBytes < contentLength {
            let count = read(descriptor, &buffer, buffer.count)
            guard count > 0 else { return nil }
            bodyBytes += count
        }
        return FaultRequest(
            method: String(requestLine[0]), path: String(requestLine[1]), index: Self.index(inHead: lines.dropFirst()))
    }

    /// The number after the last `-` of the `X-Request-Id` header, if there is one.
    private static func index(inHead lines: ArraySlice<Substring>) -> Int? {
        for line in lines {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "x-request-id" else { continue }
            return parts[1].split(separator: "-").last.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        }
        return nil
    }

    /// Writes all of `bytes`; `false` once the peer is gone or the server shut the socket.
    @discardableResult
    func write(_ bytes: [UInt8]) -> Bool {
        #if os(Linux)
            let flags = Int32(MSG_NOSIGNAL)
        #else
            let flags: Int32 = 0
        #endif
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                send(descriptor, raw.baseAddress! + offset, raw.count - offset, flags)
            }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }

    @discardableResult
    func write(_ text: String) -> Bool { write(Array(text.utf8)) }

    /// Writes `bytes` as one chunk of a chunked body.
    @discardableResult
    func writeChunk(_ bytes: [UInt8]) -> Bool {
        write(Array((String(bytes.count, radix: 16) + "\r\n").utf8) + bytes + Array("\r\n".utf8))
    }

    @discardableResult
    func writeChunk(_ text: String) -> Bool { writeChunk(Array(text.utf8)) }

    /// The chunk of length zero that ends a chunked body.
    @discardableResult
    func writeLastChunk() -> Bool { write("0\r\n\r\n") }

    /// A complete answer with a `Content-Length` body, on a connection that then closes.
    func writeAnswer(status: String, headers: [String], body: String) {
        let head =
            (["HTTP/1.1 \(status)", "Content-Type: application/json", "Content-Length: \(body.utf8.count)"]
            + headers + ["Connection: close"]).joined(separator: "\r\n")
        write(head + "\r\n\r\n" + body)
    }

    /// Closes the sending side (a FIN after everything written) and waits for the client to
    /// close its side, or for the server to shut the socket down.
    func finish() {
        _ = shutdown(descriptor, Int32(SHUT_WR))
        waitForPeer()
    }

    /// Blocks until the client closes or resets the connection, or the server shuts it down:
    /// how a script stays silent without a timer of its own.
    func waitForPeer() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { return }
        }
    }

    /// Makes the coming close a reset (`RST`) instead of an orderly `FIN`: `SO_LINGER` with a
    /// zero timeout discards what is unsent and aborts the connection.
    func prepareReset() {
        var linger = linger(l_onoff: 1, l_linger: 0)
        _ = setsockopt(descriptor, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<linger>.size))
    }

    /// Sleeps `milliseconds` on this connection's thread.
    func pause(milliseconds: Int) {
        usleep(UInt32(milliseconds * 1000))
    }

    private static func firstRange(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count)
        where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return start
        }
        return nil
    }
}
