import LLMLoadBackends
import NIOCore
import Testing

@Suite struct SSEFramerTests {
    private func events(_ chunks: [ByteBuffer]) throws -> [String] {
        var framer = SSEFramer()
        var events: [String] = []
        for chunk in chunks { try framer.append(chunk) { events.append(String(decoding: $0, as: UTF8.self)) } }
        try framer.finish { events.append(String(decoding: $0, as: UTF8.self)) }
        return events
    }

    @Test func givesEachEventsDataAtEverySplitPoint() throws {
        let stream = Array(
            "data: one\n\n: comment\nevent: x\ndata:two\ndata:  three\n\ndata\n\nid: 1\n\ndata: [DONE]\n".utf8)
        let expected = ["one", "two\n three", "", "[DONE]"]
        #expect(try events([ByteBuffer(bytes: stream)]) == expected)
        for offset in 0...stream.count {
            #expect(try events(Fixture.split(stream, at: offset)) == expected, "split at \(offset)")
        }
        #expect(try events(Fixture.chunks(stream, size: 1)) == expected)
    }

    @Test func dropsAnUnfinishedEventAtTheEnd() throws {
        #expect(try events([ByteBuffer(string: "data: a\n\ndata: {\"cut")]) == ["a"])
    }

    /// `data:` lines without the blank line that ends an event used to pile up without bound.
    @Test func rejectsAnEventThatNeverEnds() throws {
        var framer = SSEFramer()
        let line = ByteBuffer(string: "data: " + String(repeating: "x", count: 64 * 1024 - 7) + "\n")
        var dispatched = 0
        let error = #expect(throws: ResponseDecodingError.self) {
            for _ in 0..<(SSEFramer.maximumEventLength / line.readableBytes + 2) {
                try framer.append(line) { _ in dispatched += 1 }
            }
        }
        guard case .eventTooLong(let bytes) = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(bytes > SSEFramer.maximumEventLength)
        #expect(dispatched == 0)
    }
}
