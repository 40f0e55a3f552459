import NIOCore
import Testing

@testable import LLMLoadSimulator

/// A write of tokens framed as one HTTP/1.1 chunk (RFC 9112 §7.1), as the simulator writes it
/// past the HTTP encoder: its size line, the same bytes as unframed, CRLF.
@Suite struct TokenFramingTests {
    private let framing = TokenFraming(
        head: #"data: {"choices":[{"delta":{"content":"#, tail: "}}]}\n\n",
        reasoning: (#"data: {"choices":[{"delta":{"reasoning_content":"#, "}}]}\n\n"), reasoningTokens: 3)

    @Test(arguments: [0..<1, 0..<5, 2..<4, 7..<8, 0..<200, 1_000..<1_003])
    func aFramedWriteIsOneChunkOfTheSameBytes(tokens: Range<Int>) throws {
        let plain = Array(framing.chunks(tokens).readableBytesView)
        let framed = Array(framing.chunks(tokens, framed: true).readableBytesView)
        let lineEnd = try #require(framed.firstIndex(of: UInt8(ascii: "\r")))
        let size = try #require(Int(String(decoding: framed[..<lineEnd], as: UTF8.self), radix: 16))
        #expect(size == plain.count)
        #expect(framed[lineEnd...].starts(with: Array("\r\n".utf8)))
        #expect(Array(framed[(lineEnd + 2)...].dropLast(2)) == plain)
        #expect(framed.suffix(2) == Array("\r\n".utf8))
    }

    @Test func noTokensIsNoChunkRatherThanTheBodysEnd() {
        #expect(framing.chunks(3..<3, framed: true).readableBytes == 0)
    }
}
