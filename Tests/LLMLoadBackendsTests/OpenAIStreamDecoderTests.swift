import LLMLoadBackends
import LLMLoadCore
import NIOCore
import Testing

@Suite struct OpenAIStreamDecoderTests {
    private func events(_ chunks: [ByteBuffer], streaming: Bool = true) throws -> [StreamEvent] {
        var decoder = OpenAIStreamDecoder(isStreaming: streaming)
        var events: [StreamEvent] = []
        for chunk in chunks { try decoder.decode(chunk) { events.append($0) } }
        try decoder.finish { events.append($0) }
        return events
    }

    private func events(_ text: String, streaming: Bool = true) throws -> [StreamEvent] {
        try events([ByteBuffer(string: text)], streaming: streaming)
    }

    @Test func decodesTheCapturedChatStream() throws {
        let events = try events([ByteBuffer(bytes: try Fixture.bytes("llamacpp-chat-stream.sse"))])
        #expect(events.first == .text(answer: "Artificial", reasoning: ""), "the role-only chunk is not a token")
        let texts = events.filter { if case .text = $0 { true } else { false } }
        // usage.completion_tokens says 31: the server also counts the end-of-sequence token.
        #expect(texts.count == 30)
        guard case .done(let completion) = events.last else {
            Issue.record("no done event")
            return
        }
        #expect(completion.finishReason == "stop")
        #expect(completion.outputTokens == 31)
        #expect(completion.promptTokens == 40)
        #expect(completion.serverTimings?.decodeTokensPerSecond == 62.74509803921569)
        #expect(completion.serverTimings?.evalDurationNanoseconds == 478_125_000)
    }

    @Test func decodesTheCapturedCompletionsStream() throws {
        let events = try events([ByteBuffer(bytes: try Fixture.bytes("llamacpp-completions-stream.sse"))])
        #expect(events.first == .text(answer: " the", reasoning: ""))
        guard case .done(let completion) = events.last else {
            Issue.record("no done event")
            return
        }
        #expect(completion.outputTokens != nil)
        #expect(completion.finishReason != nil)
    }

    @Test(arguments: Fixture.openAIStreams)
    func givesTheSameEventsAtEverySplitPoint(fixture: String) throws {
        let bytes = try Fixture.bytes(fixture)
        let whole = try events([ByteBuffer(bytes: bytes)])
        let differing = try Fixture.cuts(bytes, chunkSizes: [1, 2, 3, 7, 64, 1000]).filter {
            try events($0.chunks) != whole
        }
        #expect(differing.isEmpty, "differs when cut: \(differing.prefix(5).map(\.label))")
    }

    @Test(arguments: ["llamacpp-chat-nonstream.json", "llamacpp-completions-nonstream.json"])
    func decodesNonStreamingBodies(fixture: String) throws {
        let bytes = try Fixture.bytes(fixture)
        let events = try events(Fixture.chunks(bytes, size: 50), streaming: false)
        #expect(events.count == 2)
        guard case .text(let answer, _) = events[0], case .done(let completion) = events[1] else {
            Issue.record("unexpected events \(events)")
            return
        }
        #expect(!answer.isEmpty)
        #expect(completion.outputTokens != nil && completion.promptTokens != nil)
        #expect(completion.serverTimings?.decodeTokensPerSecond != nil)
    }

    @Test func countsReasoningDeltasAsReasoning() throws {
        let stream = """
            data: {"choices":[{"delta":{"reasoning_content":"Let me think"}}]}

            data: {"choices":[{"delta":{"reasoning":" more"}}]}

            data: {"choices":[{"delta":{"content":"Answer"},"finish_reason":"stop"}]}

            data: [DONE]


            """
        #expect(
            try events(stream) == [
                .text(answer: "", reasoning: "Let me think"), .text(answer: "", reasoning: " more"),
                .text(answer: "Answer", reasoning: ""), .done(StreamCompletion(finishReason: "stop")),
            ]
        )
    }

    @Test func skipsCommentsAndJoinsMultiLineData() throws {
        let stream =
            ": keep-alive\n\ndata: {\"choices\":[{\"delta\":\ndata: {\"content\":\"x\"}}]}\r\n\r\ndata: [DONE]\n\n"
        #expect(try events(stream) == [.text(answer: "x", reasoning: ""), .done(StreamCompletion())])
    }

    @Test func anErrorEventUnderStatus200IsAServerError() throws {
        let stream = """
            data: {"choices":[{"delta":{"content":"Hi"}}]}

            data: {"error":{"message":"CUDA out of memory","type":"server_error"}}


            """
        #expect(
            try events(stream) == [.text(answer: "Hi", reasoning: ""), .serverError(message: "CUDA out of memory")])
    }

    @Test func aStreamCutAnywhereBeforeItsFinishReasonHasNoDoneEvent() throws {
        let bytes = try Fixture.bytes("llamacpp-chat-stream.sse")
        let text = String(decoding: bytes, as: UTF8.self)
        // Up to the end of the event that carries the finish reason: after it, a server that
        // omits [DONE] has still answered completely.
        let finish = try #require(text.range(of: #""finish_reason":"stop""#))
        let end = text.utf8.distance(
            from: text.startIndex, to: text[finish.upperBound...].range(of: "\n\n")!.lowerBound)
        for cutAt in stride(from: 0, to: end, by: 7) {
            let cut = try events([ByteBuffer(bytes: bytes.prefix(cutAt))])
            #expect(!cut.contains { if case .done = $0 { true } else { false } }, "cut at \(cutAt)")
        }
    }

    @Test func aFinalDoneWithoutItsBlankLineIsHonoured() throws {
        #expect(try events("data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\ndata: [DONE]\n").count == 2)
    }

    @Test func aFinishReasonWithoutDoneStillEndsTheStream() throws {
        let stream = "data: {\"choices\":[{\"delta\":{\"content\":\"a\"},\"finish_reason\":\"length\"}]}\n\n"
        #expect(try events(stream).last == .done(StreamCompletion(finishReason: "length")))
    }

    @Test func rejectsDataThatIsNotJSON() throws {
        #expect(throws: ResponseDecodingError.malformed(excerpt: "<html>502</html>")) {
            try events("data: <html>502</html>\n\n")
        }
    }

    @Test func rejectsANonStreamingBodyPastItsLimit() throws {
        var decoder = OpenAIStreamDecoder(isStreaming: false)
        let part = ByteBuffer(repeating: UInt8(ascii: " "), count: 1024 * 1024)
        let error = #expect(throws: ResponseDecodingError.self) {
            for _ in 0...(OpenAIStreamDecoder.maximumBodyLength / part.readableBytes) {
                try decoder.decode(part) { _ in }
            }
        }
        #expect(error == .bodyTooLarge(bytes: OpenAIStreamDecoder.maximumBodyLength + part.readableBytes))
    }

    /// `Int64(1e13 ms * 1e6)` trapped: a server's absurd timing must cost its value, not the run.
    @Test(arguments: [
        #"{"prompt_ms":1e13,"predicted_ms":-5,"predicted_per_second":2.5}"#,
        #"{"prompt_ms":10000000000000,"predicted_ms":-5.0,"predicted_per_second":2.5}"#,
        #"{"prompt_ms":1e308,"predicted_ms":-1e308,"predicted_per_second":2.5}"#,
    ])
    func absurdTimingsAreDroppedWithoutTrapping(timings: String) throws {
        let stream = "data: {\"choices\":[],\"timings\":\(timings)}\n\ndata: [DONE]\n\n"
        let expected = StreamCompletion(serverTimings: ServerTimings(decodeTokensPerSecond: 2.5))
        #expect(try events(stream) == [.done(expected)])
    }

    @Test func timingsInRangeBecomeWholeNanoseconds() throws {
        let stream = #"data: {"timings":{"prompt_ms":0.0004,"predicted_ms":9000000000000}}"# + "\n\ndata: [DONE]\n\n"
        let timings = ServerTimings(
            promptEvalDurationNanoseconds: 400, evalDurationNanoseconds: 9_000_000_000_000_000_000)
        #expect(try events(stream) == [.done(StreamCompletion(serverTimings: timings))])
    }

    @Test func usageCountsAreExactInRangeAndDroppedBeyond() throws {
        let inRange = #"data: {"usage":{"prompt_tokens":9223372036854775807,"completion_tokens":-3}}"# + "\n\n"
        #expect(
            try events(inRange + "data: [DONE]\n\n") == [
                .done(StreamCompletion(promptTokens: Int.max, outputTokens: -3))
            ])
        let beyond = #"data: {"usage":{"prompt_tokens":92233720368547758070,"completion_tokens":5}}"# + "\n\n"
        #expect(try events(beyond + "data: [DONE]\n\n") == [.done(StreamCompletion())])
    }

    @Test func readsTheReasoningTokensOfTheUsageDetails() throws {
        let usage =
            #"data: {"choices":[],"usage":{"prompt_tokens":9,"completion_tokens":50,"#
            + #""completion_tokens_details":{"accepted_prediction_tokens":0,"reasoning_tokens":20}}}"# + "\n\n"
        #expect(
            try events(usage + "data: [DONE]\n\n") == [
                .done(StreamCompletion(promptTokens: 9, outputTokens: 50, reasoningTokens: 20))
            ])
        // Odd details lose only the reasoning count, never the usage.
        let odd = #"data: {"usage":{"completion_tokens":50,"completion_tokens_details":{"reasoning_tokens":"20"}}}"#
        #expect(try events(odd + "\n\ndata: [DONE]\n\n") == [.done(StreamCompletion(outputTokens: 50))])
    }

    @Test func decodesEscapesAndSurrogatePairsInDeltas() throws {
        let stream = #"data: {"choices":[{"delta":{"content":"\u003cthink\u003e \"q\" \ud83d\ude00 é\n"}}]}"# + "\n\n"
        #expect(try events(stream) == [.text(answer: "<think> \"q\" 😀 é\n", reasoning: "")])
    }
}
