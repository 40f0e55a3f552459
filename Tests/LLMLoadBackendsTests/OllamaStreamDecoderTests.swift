import LLMLoadBackends
import LLMLoadCore
import NIOCore
import Testing

@Suite struct OllamaStreamDecoderTests {
    private func events(_ chunks: [ByteBuffer]) throws -> [StreamEvent] {
        var decoder = OllamaStreamDecoder()
        var events: [StreamEvent] = []
        for chunk in chunks { try decoder.decode(chunk) { events.append($0) } }
        try decoder.finish { events.append($0) }
        return events
    }

    @Test func decodesGenerateWithThinkingTextAndServerCounts() throws {
        let events = try events([ByteBuffer(bytes: try Fixture.bytes("ollama-generate-stream.ndjson"))])
        #expect(
            events == [
                .text(answer: "", reasoning: "Okay"),
                .text(answer: "", reasoning: ", the user asks"),
                .text(answer: "Artificial", reasoning: ""),
                .text(answer: " intelligence", reasoning: ""),
                .text(answer: " is", reasoning: ""),
                .text(answer: " 人工智能。", reasoning: ""),
                .done(
                    StreamCompletion(
                        finishReason: "stop", promptTokens: 12, outputTokens: 6,
                        serverTimings: ServerTimings(
                            totalDurationNanoseconds: 220_000_000, loadDurationNanoseconds: 5_000_000,
                            promptEvalDurationNanoseconds: 90_000_000, evalDurationNanoseconds: 120_000_000
                        )
                    )
                ),
            ]
        )
    }

    @Test func decodesChatMessagesAndTheLengthStop() throws {
        let events = try events([ByteBuffer(bytes: try Fixture.bytes("ollama-chat-stream.ndjson"))])
        #expect(events.count == 4)
        #expect(events[0] == .text(answer: "", reasoning: "Hmm"))
        #expect(events[1] == .text(answer: "Machine", reasoning: ""))
        guard case .done(let completion) = events[3] else {
            Issue.record("no done event")
            return
        }
        #expect(completion.finishReason == "length")
        #expect(completion.outputTokens == 3)
        #expect(completion.promptTokens == 20)
    }

    @Test func reportsAnErrorLineAsAServerError() throws {
        let events = try events([ByteBuffer(bytes: try Fixture.bytes("ollama-stream-midstream-error.ndjson"))])
        #expect(
            events == [
                .text(answer: "The", reasoning: ""),
                .serverError(message: "an error was encountered while running the model: unexpected EOF"),
            ]
        )
    }

    @Test(arguments: Fixture.ollamaStreams)
    func givesTheSameEventsAtEverySplitPoint(fixture: String) throws {
        let bytes = try Fixture.bytes(fixture)
        let whole = try events([ByteBuffer(bytes: bytes)])
        let differing = try Fixture.cuts(bytes, chunkSizes: Array(1...16)).filter { try events($0.chunks) != whole }
        #expect(differing.isEmpty, "differs when cut: \(differing.prefix(5).map(\.label))")
    }

    @Test func rejectsALineThatIsNotJSON() throws {
        #expect(throws: ResponseDecodingError.malformed(excerpt: "<html>oops</html>")) {
            try events([ByteBuffer(string: #"{"response":"a","done":false}"# + "\n<html>oops</html>\n")])
        }
    }

    @Test func acceptsAProxyStyleErrorObject() throws {
        let events = try events([ByteBuffer(string: #"{"error":{"message":"upstream timeout"}}"# + "\n")])
        #expect(events == [.serverError(message: "upstream timeout")])
    }

    @Test func decodesANonStreamingBody() throws {
        let body = #"{"model":"m","response":"Hello there","done":true,"done_reason":"stop","eval_count":2}"#
        let events = try events([ByteBuffer(string: body)])
        #expect(
            events == [
                .text(answer: "Hello there", reasoning: ""),
                .done(StreamCompletion(finishReason: "stop", outputTokens: 2)),
            ])
    }

    /// A count out of range made the whole line malformed, failing a stream whose text had
    /// arrived intact; now the count alone is dropped.
    @Test func dropsCountsOutOfRangeInsteadOfFailing() throws {
        let line =
            #"{"done":true,"done_reason":"stop","eval_count":99999999999999999999,"prompt_eval_count":-1,"#
            + #""total_duration":9223372036854775807,"eval_duration":9223372036854775808,"load_duration":1.5}"#
        let events = try events([ByteBuffer(string: line + "\n")])
        #expect(
            events == [
                .done(
                    StreamCompletion(
                        finishReason: "stop", promptTokens: -1,
                        serverTimings: ServerTimings(totalDurationNanoseconds: .max)
                    )
                )
            ])
    }

    @Test func decodesTheRealQwen3StreamWithInlineThinkTags() throws {
        let bytes = try Fixture.bytes("ollama-qwen3-generate-stream-inline-think.ndjson")
        let events = try events([ByteBuffer(bytes: bytes)])
        #expect(events.first == .text(answer: "<think>", reasoning: ""))
        #expect(events.contains(.text(answer: "</think>", reasoning: "")))
        guard case .done(let completion) = events.last else {
            Issue.record("no done event")
            return
        }
        #expect(completion.outputTokens == 188)
        #expect(completion.serverTimings?.evalDurationNanoseconds == 14_715_080_100)
    }
}
