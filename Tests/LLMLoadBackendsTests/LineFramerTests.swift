import LLMLoadBackends
import NIOCore
import Testing

@Suite struct LineFramerTests {
    private func lines(_ chunks: [ByteBuffer]) throws -> [String] {
        var framer = LineFramer()
        var lines: [String] = []
        for chunk in chunks {
            try framer.append(chunk) { lines.append(String(decoding: $0, as: UTF8.self)) }
        }
        try framer.finish { lines.append(String(decoding: $0, as: UTF8.self)) }
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

    /// A line arriving in many small chunks is searched once, not once per chunk: 8 MiB in
    /// 512-byte chunks took quadratic time (64 GiB of searching) before.
    @Test(.timeLimit(.minutes(1)))
    func framesALongLineArrivingInSmallChunksInLinearTime() throws {
        var framer = LineFramer()
        let chunk = ByteBuffer(repeating: UInt8(ascii: "x"), count: 512)
        let clock = ContinuousClock()
        var lengths: [Int] = []
        let elapsed = try clock.measure {
            for _ in 0..<(8 * 1024 * 1024 / 512) { try framer.append(chunk) { lengths.append($0.count) } }
            try framer.append(ByteBuffer(string: "\nnext\n")) { lengths.append($0.count) }
        }
        #expect(lengths == [8 * 1024 * 1024, 4])
        #expect(elapsed < .seconds(5), "took \(elapsed)")
    }

    @Test func keepsLinesWholeWhenChunksEndAnywhereAroundNewlines() throws {
        let text = "first line\nsecond\r\n\nthird, a longer line\nlast"
        let whole = try lines([ByteBuffer(string: text)])
        #expect(whole == ["first line", "second", "third, a longer line", "last"])
        for size in 1...8 {
            #expect(try lines(Fixture.chunks(Array(text.utf8), size: size)) == whole, "chunks of \(size)")
        }
    }
}
