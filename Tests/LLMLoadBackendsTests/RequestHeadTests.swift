import NIOCore
import NIOEmbedded
import NIOHTTP1
import Testing

@testable import LLMLoadBackends

/// The request head llmload writes itself, read back by NIO's own server-side decoder: what a
/// server receives, not what the writer meant to write.
@Suite struct RequestHeadTests {
    @Test func aServersDecoderReadsTheRequestAsWritten() throws {
        let head = try RequestHead.encode(
            pathPrefix: "/proxy", path: "/v1/chat/completions", host: "[::1]:8080", contentLength: 11,
            headers: [("Authorization", "Bearer sk-1\t2"), ("X-Request-Id", "llmload-run-7")])
        var body = ByteBuffer(string: "{\"a\":\"b,c\"}")
        let parts = try Self.decode([head, body])
        guard parts.count == 3, case .head(let request) = parts[0], case .body(let received) = parts[1],
            case .end(nil) = parts[2]
        else {
            Issue.record("expected head, body, end; got \(parts)")
            return
        }
        #expect(request.method == .POST)
        #expect(request.uri == "/proxy/v1/chat/completions")
        #expect(request.version == .http1_1)
        #expect(
            request.headers.map { [$0.name, $0.value] } == [
                ["Host", "[::1]:8080"], ["Content-Type", "application/json"], ["Accept", "*/*"],
                ["Content-Length", "11"], ["Authorization", "Bearer sk-1\t2"], ["X-Request-Id", "llmload-run-7"],
            ])
        #expect(received == body.readSlice(length: 11))
    }

    /// Two requests back to back, as on a kept-alive connection: the first one's length ends it.
    @Test func theLengthEndsEachRequestOnAKeptAliveConnection() throws {
        let bodies = ["{}", String(repeating: "x", count: 5_000)].map { ByteBuffer(string: $0) }
        var written: [ByteBuffer] = []
        for body in bodies {
            written.append(
                try RequestHead.encode(
                    pathPrefix: "", path: "/api/chat", host: "h", contentLength: body.readableBytes, headers: []))
            written.append(body)
        }
        let parts = try Self.decode(written)
        let ends = parts.filter { if case .end = $0 { true } else { false } }
        #expect(ends.count == 2)
        let received = parts.compactMap { if case .body(let bytes) = $0 { bytes.readableBytes } else { nil } }
        #expect(received.reduce(0, +) == 2 + 5_000)
    }

    /// What NIO's header validator refused is refused here, before a byte is sent.
    @Test(arguments: [
        ("X-Evil", "a\r\nHost: elsewhere"), ("X-Evil", "a\nb"), ("X-Evil", "a\u{0}b"), ("X-Evil", "a\u{7F}"),
        ("X Evil", "a"), ("X:Evil", "a"), ("", "a"), ("X-Ä", "a"), ("X-Evil\r\n", "a"),
    ])
    func aHeaderHTTPCannotCarryIsRefused(name: String, value: String) {
        #expect(throws: RequestHead.InvalidHeader.self) {
            try RequestHead.encode(
                pathPrefix: "", path: "/v1/completions", host: "h", contentLength: 0,
                headers: [
                    ("Authorization", "Bearer ok"), (name, value),
                ])
        }
    }

    @Test(arguments: ["Bearer sk-abc", "", "tab\tinside", "ünïcode", "!#$%&'*+-.^_`|~ \"(),/:;<=>?@[\\]{}"])
    func everyValueHTTPAllowsIsWritten(value: String) throws {
        let head = try RequestHead.encode(
            pathPrefix: "", path: "/", host: "h", contentLength: 0, headers: [("X-Token_1.a~b", value)])
        let parts = try Self.decode([head])
        guard case .head(let request) = parts.first else {
            Issue.record("no head in \(parts)")
            return
        }
        #expect(request.headers["X-Token_1.a~b"] == [value.trimmingSpaces])
    }

    /// Feeds `buffers` to NIO's request decoder, as a server's socket would receive them.
    private static func decode(_ buffers: [ByteBuffer]) throws -> [HTTPServerRequestPart] {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(HTTPRequestDecoder()))
        defer { _ = try? channel.finish() }
        for buffer in buffers { try channel.writeInbound(buffer) }
        var parts: [HTTPServerRequestPart] = []
        while let part = try channel.readInbound(as: HTTPServerRequestPart.self) { parts.append(part) }
        return parts
    }
}

extension String {
    /// A header value as a server reads it: without leading and trailing spaces and tabs.
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
