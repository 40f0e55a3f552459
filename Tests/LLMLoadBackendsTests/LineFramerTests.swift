import LLMLoadBackends
import NIOCore
import Testing

@Suite struct LineFramerTests {
    private func lines(_ chunks: [ByteBuffer]) throws -> [String] {
        var framer = LineFramer()
        var lines: [String] = []
        for chunk in chunks {
            try framer.append(chunk) { lines.append(String(buffer: $0)) }
        }
        try framer.finish { lines.append(String(buffer: $0)) }
        return lines
    }

    @Test(arguments: Fixture.ollamaStreams)
    func givesTheSameLinesAtEverySplitPoint(fixture: String) throws {
        let bytes = try Fixture.bytes(fixture)
        let whole = try lines([ByteBuffer(bytes: bytes)])
        #expect(whole.count == String(decoding: bytes, as: UTF8.self).split(separator: "\n").count)
        let differing = try Fixture.cuts(bytes, chunkSizes: Array(1...32)).filter { try lines($0.chunks) != whole }
        #expect(differing.isEmpty, "differs when cut: \(differing.prefix(5).map(\.label))")
    }

    @Test func dropsCarriageReturnsAndEmptyLinesAndKeepsAnUnterminatedLastLine() throws {
        #expect(try lines([ByteBuffer(string: "a\r\n\r\n\nb\nc")]) == ["a", "b", "c"])
    }

    @Test func rejectsALineThatNeverEnds() throws {
        var framer = LineFramer()
        let big = ByteBuffer(repeating: UInt8(ascii: "x"), count: LineFramer.maximumLineLength + 1)
        #expect(throws: ResponseDecodingError.lineTooLong(bytes: LineFramer.maximumLineLength + 1)) {
            try framer.append(big) { _ in }
        }
    }
}
