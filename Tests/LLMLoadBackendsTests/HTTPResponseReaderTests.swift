import LLMLoadCore
import LLMLoadFuzzChecks
import NIOCore
import NIOEmbedded
import NIOHTTP1
import Testing

@testable import LLMLoadBackends

/// ``HTTPResponseReader`` against NIO's `HTTPResponseDecoder` (llhttp), which it replaced: the
/// same responses, cut into reads at the same random places, must read the same.
@Suite struct HTTPResponseReaderTests {
    typealias Reading = HTTPResponseCheck.Reading
    typealias Response = HTTPResponseCheck.Reading.Response

    @Test func generatedResponsesReadAsNIOReadsThem() throws {
        var random = SplitMix64(seed: 0x00C0_FFEE)
        for round in 0..<3_000 {
            let connection = ResponseGenerator.connection(&random)
            let cuts = Self.cuts(connection.bytes.count, &random)
            let nio = try Self.readWithNIO(connection.bytes, cuts: cuts, requests: connection.responses)
            let ours = Self.read(connection.bytes, cuts: cuts, requests: connection.responses)
            #expect(!nio.failed, "round \(round): the generator made a response NIO refuses")
            #expect(nio.responses.count == connection.responses, "round \(round)")
            // NIO's `isKeepAlive` reads only the version and `Connection`; a body that ends with
            // the connection cannot leave it open, and the reader says so.
            var expected = nio
            for index in expected.responses.indices where connection.endsAtClose[index] {
                expected.responses[index].keepAlive = false
            }
            #expect(
                ours == expected,
                "round \(round): \(String(decoding: connection.bytes, as: UTF8.self).debugDescription)")
            if ours != expected { return }
        }
    }

    /// Bytes that are no response llmload can read fail the reader; NIO refused each of them too.
    @Test(arguments: [
        "HTTP/1.1 2000 OK\r\n\r\n", "HTTP/2.0 200 OK\r\n\r\n", "HTTP/1.1 200OK\r\n\r\n", "ICY 200 OK\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length 5\r\n\r\nhello",
        "HTTP/1.1 200 OK\r\nContent-Length: 5x\r\n\r\nhello",
        "HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\nhello",
        "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
        "HTTP/1.1 200 OK\r\nBad Name: x\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nX: a\u{1}b\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello!!\r\n0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10000000000000000\r\n",
    ])
    func malformedResponsesFail(text: String) throws {
        let bytes = Array(text.utf8)
        let ours = Self.read(bytes, cuts: [], requests: 1)
        #expect(ours.failed, "\(ours)")
        let nio = try Self.readWithNIO(bytes, cuts: [], requests: 1)
        #expect(nio.failed, "NIO read \(nio)")
    }

    /// What NIO passed on without an error, and the reader refuses: a protocol switch llmload
    /// never asks for (NIO ended the response there and stopped reading), a second response to
    /// one request, and a chunk of 2^60 bytes (NIO waited for it).
    @Test(arguments: [
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1000000000000000\r\n",
    ])
    func whatNIOPassedOnFails(text: String) {
        let reading = Self.read(Array(text.utf8), cuts: [], requests: 1)
        #expect(reading.failed, "\(reading)")
    }

    @Test func aHeadPastItsBoundFailsWithoutWaitingForItsEnd() {
        let header = "X-Padding: " + String(repeating: "a", count: 1_000) + "\r\n"
        let head = "HTTP/1.1 200 OK\r\n" + String(repeating: header, count: 90)
        let reading = Self.read(
            Array(head.utf8), cuts: Array(stride(from: 500, to: head.utf8.count, by: 500)), requests: 1)
        #expect(reading.failed)
        #expect(reading.responses.isEmpty)
    }

    /// A connection closed mid-body ends nothing: the connection's handler fails the exchange.
    @Test(arguments: [
        "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhello",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n",
        "HTTP/1.1 200 OK\r\nContent-",
    ])
    func aBodyCutByTheCloseDoesNotEnd(text: String) {
        let reading = Self.read(Array(text.utf8), cuts: [], requests: 1)
        #expect(!reading.failed)
        #expect(reading.responses.allSatisfy { !$0.ended })
    }

    /// Random bytes changed in generated responses: the reader may refuse them, and where both
    /// it and NIO read them, both read the same.
    @Test func whereBothReadDamagedBytesTheyAgree() throws {
        var random = SplitMix64(seed: 0xDA_3A6E)
        var bothRead = 0
        for round in 0..<3_000 {
            let connection = ResponseGenerator.connection(&random)
            var bytes = connection.bytes
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let index = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes[index] = UInt8.random(in: 0...255, using: &random)
                case 1: bytes.remove(at: index)
                default: bytes.insert(Array(":\r\n 0;".utf8).randomElement(using: &random)!, at: index)
                }
                if bytes.isEmpty { bytes = [0] }
            }
            let cuts = Self.cuts(bytes.count, &random)
            let ours = Self.read(bytes, cuts: cuts, requests: connection.responses)
            let nio = try Self.readWithNIO(bytes, cuts: cuts, requests: connection.responses)
            #expect(ours.responses.reduce(0) { $0 + $1.body.count } <= bytes.count)
            guard !ours.failed, !nio.failed, nio.responses.allSatisfy(\.ended) else { continue }
            bothRead += 1
            let comparable = zip(ours.responses, nio.responses).allSatisfy { mine, theirs in
                mine.status == theirs.status && mine.body == theirs.body && mine.ended == theirs.ended
            }
            #expect(comparable && ours.responses.count == nio.responses.count, "round \(round): \(ours) against \(nio)")
        }
        #expect(bothRead > 100, "few damaged connections read by both: the test lost its reach")
    }

    /// Random places to cut `count` bytes into reads, single bytes among them.
    static func cuts(_ count: Int, _ random: inout SplitMix64) -> [Int] {
        guard count > 1 else { return [] }
        let pieces = Int.random(in: 0...min(12, count - 1), using: &random)
        return Set((0..<pieces).map { _ in Int.random(in: 1..<count, using: &random) }).sorted()
    }

    /// `bytes` cut at `cuts`, each piece one read.
    static func pieces(_ bytes: [UInt8], cuts: [Int]) -> [ByteBuffer] {
        zip([0] + cuts, cuts + [bytes.count]).map { ByteBuffer(bytes: bytes[$0..<$1]) }
    }

    /// What ``HTTPResponseReader`` reads of `bytes` cut at `cuts`.
    static func read(_ bytes: [UInt8], cuts: [Int], requests: Int) -> Reading {
        HTTPResponseCheck.read(pieces(bytes, cuts: cuts), requests: requests)
    }

    /// What NIO's decoder reads of the same.
    static func readWithNIO(_ bytes: [UInt8], cuts: [Int], requests: Int) throws -> Reading {
        let channel = EmbeddedChannel(
            handler: ByteToMessageHandler(HTTPResponseDecoder(leftOverBytesStrategy: .dropBytes)))
        for _ in 0..<requests {
            try channel.writeOutbound(
                HTTPClientRequestPart.head(HTTPRequestHead(version: .http1_1, method: .POST, uri: "/")))
        }
        var reading = Reading()
        func drain() throws {
            while let part = try channel.readInbound(as: HTTPClientResponsePart.self) {
                switch part {
                case .head(let head):
                    reading.responses.append(Response(status: Int(head.status.code), keepAlive: head.isKeepAlive))
                case .body(let buffer):
                    reading.responses[reading.responses.count - 1].body += Array(buffer.readableBytesView)
                case .end: reading.responses[reading.responses.count - 1].ended = true
                }
            }
        }
        do {
            for piece in pieces(bytes, cuts: cuts) {
                try channel.writeInbound(piece)
                try drain()
            }
            try channel.close().wait()
            try drain()
            try channel.throwIfErrorCaught()
        } catch let error as HTTPParserError where error == .invalidEOFState {
            // A close mid-response: the reader leaves that to the connection, as NIO's caller did.
        } catch {
            reading.failure = "\(error)"
        }
        _ = try? channel.finish()
        return reading
    }
}
