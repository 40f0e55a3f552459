import LLMLoadBackends
import LLMLoadCore
import NIOCore
import Testing

/// The per-request state machine, fed with bytes and instants the test chooses, so every
/// derived time is known exactly.
@Suite struct ResponseObserverTests {
    let zero = ContinuousClock.now
    func at(_ milliseconds: Int) -> ContinuousClock.Instant { zero + .milliseconds(milliseconds) }
    var plan: RequestPlan {
        RequestPlan(index: 7, scheduledAt: at(-2), request: InferenceRequest(model: "m", prompt: "p"))
    }

    /// Sends `lines` one per body part, 10 ms apart, starting at 100 ms; the request left at 0.
    func observe(
        status: Int = 200,
        lines: [String],
        streaming: Bool = true,
        ending: (inout ResponseObserver<OllamaStreamDecoder>, ContinuousClock.Instant) -> Void = {
            $0.bodyEnded(at: $1)
        }
    ) -> RequestRecord {
        var observer = ResponseObserver(decoder: OllamaStreamDecoder(), isStreaming: streaming)
        observer.requestSent(at: at(0))
        observer.receivedHead(status: status, at: at(50))
        for (index, line) in lines.enumerated() {
            observer.receivedBodyPart(ByteBuffer(string: line + "\n"), at: at(100 + 10 * index))
        }
        ending(&observer, at(100 + 10 * lines.count))
        return observer.makeRecord(for: plan, endedAt: at(1000))
    }

    @Test func measuresTheFixtureStreamFromItsChunkInstants() throws {
        let lines = String(decoding: try Fixture.bytes("ollama-generate-stream.ndjson"), as: UTF8.self)
            .split(separator: "\n").map(String.init)
        let record = observe(lines: lines)
        #expect(record.outcome == .ok)
        #expect(record.index == 7)
        #expect(record.scheduleLag == .milliseconds(2))
        #expect(record.timeToFirstToken == .milliseconds(100), "thinking text starts the TTFT clock")
        #expect(record.timeToFirstAnswerToken == .milliseconds(120))
        #expect(record.endToEndLatency == .milliseconds(160), "the end is the done line")
        #expect(record.interTokenGapsNanoseconds == Array(repeating: 10_000_000, count: 5))
        #expect(record.outputTokens == TokenCount(6, source: .server))
        #expect(record.promptTokens == TokenCount(12, source: .server))
        #expect(record.timePerOutputToken == .milliseconds(12))  // (160 − 100) / (6 − 1)
        #expect(record.decodeTokensPerSecond.map { abs($0 - 5 / 0.06) < 1e-9 } == true)
        #expect(record.finishReason == "stop")
        #expect(record.responseText == "Artificial intelligence is 人工智能。")
        #expect(record.reasoningText == "Okay, the user asks")
        #expect(record.serverTimings?.evalDurationNanoseconds == 120_000_000)
        #expect(record.serverDecodeTokensPerSecond == 50, "6 tokens in 120 ms, by Ollama's count")
        #expect(record.serverPromptTokensPerSecond.map { abs($0 - 12 / 0.09) < 1e-9 } == true)
        #expect(record.clientSideOverhead == .milliseconds(-60), "E2E 160 ms − total_duration 220 ms")
        #expect(record.textChunks == 6)
    }

    @Test func estimatesOutputTokensWhenTheServerDoesNotCount() {
        let record = observe(lines: [#"{"response":"a"}"#, #"{"response":"b"}"#, #"{"done":true}"#])
        #expect(record.outputTokens == TokenCount(2, source: .estimated))
        #expect(record.promptTokens == nil)
    }

    @Test func anHTTPErrorKeepsStatusAndServerMessage() throws {
        let (status, body) = try Fixture.httpResponse("ollama-404-model.http")
        let record = observe(status: status, lines: [String(decoding: body, as: UTF8.self)])
        #expect(record.outcome == .httpError)
        #expect(record.httpStatus == 404)
        #expect(record.errorMessage == #"HTTP 404: model "deepseek-r1:7b" not found, try pulling it first"#)
        #expect(record.timeToFirstToken == nil)
    }

    @Test func busyServerIsAnHTTPErrorWithItsMessage() throws {
        let (status, body) = try Fixture.httpResponse("ollama-503-busy.http")
        let record = observe(status: status, lines: [String(decoding: body, as: UTF8.self)])
        #expect(record.outcome == .httpError)
        #expect(record.httpStatus == 503)
        #expect(record.errorMessage?.contains("server busy") == true)
    }

    @Test func anErrorLineUnderStatus200IsAStreamError() throws {
        let lines = String(decoding: try Fixture.bytes("ollama-stream-midstream-error.ndjson"), as: UTF8.self)
            .split(separator: "\n").map(String.init)
        let record = observe(lines: lines)
        #expect(record.outcome == .streamError)
        #expect(record.httpStatus == 200)
        #expect(record.errorMessage?.contains("unexpected EOF") == true)
        #expect(record.finishedAt == at(110), "ends where the error arrived")
    }

    @Test func aStreamWithoutDoneIsAStreamError() {
        let record = observe(lines: [#"{"response":"a","done":false}"#])
        #expect(record.outcome == .streamError)
        #expect(record.errorMessage?.contains("without its terminator") == true)
    }

    @Test func garbageIsAStreamErrorThatQuotesIt() {
        let record = observe(lines: [#"{"response":"a","done":false}"#, "Bad Gateway"])
        #expect(record.outcome == .streamError)
        #expect(record.errorMessage == "malformed response line: Bad Gateway")
    }

    @Test func aTransportFailureMidStreamKeepsItsKind() {
        let record = observe(lines: [#"{"response":"a","done":false}"#]) { observer, end in
            observer.failed(.connectionError, "server closed the connection mid-response", at: end)
        }
        #expect(record.outcome == .connectionError)
        #expect(record.timeToFirstToken == .milliseconds(100))
    }

    @Test func aFailureAfterTheTerminatorDoesNotUndoACompleteAnswer() {
        let record = observe(lines: [#"{"response":"a"}"#, #"{"done":true,"eval_count":1}"#]) { observer, end in
            observer.failed(.connectionError, "reset", at: end)
        }
        #expect(record.outcome == .ok)
        #expect(record.timePerOutputToken == nil, "TPOT needs two tokens")
        #expect(record.decodeTokensPerSecond == nil)
    }

    @Test func aNonStreamingAnswerHasNoFirstTokenInstant() {
        let record = observe(lines: [#"{"response":"all of it","done":true,"eval_count":3}"#], streaming: false)
        #expect(record.outcome == .ok)
        #expect(record.timeToFirstToken == nil)
        #expect(record.endToEndLatency == .milliseconds(100))
        #expect(record.responseText == "all of it")
    }

    @Test func aTimeoutBeforeTheHeadHasNoLatencies() {
        var observer = ResponseObserver(decoder: OllamaStreamDecoder(), isStreaming: true)
        observer.requestSent(at: at(0))
        observer.failed(.timeout, "no complete response within the request timeout", at: at(300))
        let record = observer.makeRecord(for: plan, endedAt: at(301))
        #expect(record.outcome == .timeout)
        #expect(record.finishedAt == at(300))
        #expect(record.timeToFirstToken == nil)
    }
}

@Suite struct OpenAIResponseObserverTests {
    let zero = ContinuousClock.now
    func at(_ milliseconds: Int) -> ContinuousClock.Instant { zero + .milliseconds(milliseconds) }
    var plan: RequestPlan {
        RequestPlan(index: 0, scheduledAt: zero, request: InferenceRequest(model: "m", prompt: "p"))
    }

    @Test(arguments: ["llamacpp-chat-context-exceeded.txt", "llamacpp-chat-bad-request.txt"])
    func aServersErrorStatusKeepsItsMessage(fixture: String) throws {
        let text = String(decoding: try Fixture.bytes(fixture), as: UTF8.self)
        let body = String(text.split(separator: "\n")[0])
        let status = Int(text.split(separator: "=").last!.trimmingCharacters(in: .whitespacesAndNewlines))!
        var observer = ResponseObserver(decoder: OpenAIStreamDecoder(isStreaming: true), isStreaming: true)
        observer.requestSent(at: zero)
        observer.receivedHead(status: status, at: zero + .milliseconds(5))
        observer.receivedBodyPart(ByteBuffer(string: body), at: zero + .milliseconds(6))
        observer.bodyEnded(at: zero + .milliseconds(6))
        let record = observer.makeRecord(for: plan, endedAt: zero + .milliseconds(7))
        #expect(record.outcome == .httpError)
        #expect(record.httpStatus == 400)
        let message = try #require(record.errorMessage)
        #expect(message.hasPrefix("HTTP 400: "))
        #expect(message.contains("exceeds the available context size") || message.contains("Expected 'messages'"))
    }

    /// A read that holds several tokens stamps them all with its instant: the gaps between them
    /// are exactly 0, and the next read's gap counts from that instant. An event cut across
    /// reads belongs to the read that completes it; the end of the body is a read of its own.
    @Test func tokensReadTogetherShareTheirReadsInstant() {
        func event(_ delta: String, finish: String = "null") -> String {
            #"data: {"choices":[{"index":0,"delta":{\#(delta)},"finish_reason":\#(finish)}]}"# + "\n\n"
        }
        let token = { (text: String) in event(#""content":"\#(text)""#) }
        let cut = token("e")
        let last = event(#""content":"g""#, finish: #""stop""#)
        var observer = ResponseObserver(decoder: OpenAIStreamDecoder(isStreaming: true), isStreaming: true)
        observer.requestSent(at: at(0))
        observer.receivedHead(status: 200, at: at(50))
        let reads = [
            event(#""role":"assistant""#) + event(#""reasoning_content":"r1""#) + event(#""reasoning_content":"r2""#),
            token("a") + token("b"),
            token("c") + token("d") + String(cut.prefix(20)),
            String(cut.dropFirst(20)) + token("f"),
            last + "data: [DONE]\n",  // honoured when the body ends, without its blank line
        ]
        for (index, read) in zip([100, 130, 160, 190, 250], reads) {
            observer.receivedBodyPart(ByteBuffer(string: read), at: at(index))
        }
        observer.bodyEnded(at: at(260))
        let record = observer.makeRecord(for: plan, endedAt: at(260))
        #expect(record.outcome == .ok)
        #expect(record.timeToFirstToken == .milliseconds(100), "the role chunk carries no token")
        #expect(record.timeToFirstAnswerToken == .milliseconds(130), "after the two reasoning chunks")
        let ms = 1_000_000 as Int64
        #expect(record.interTokenGapsNanoseconds == [0, 30 * ms, 0, 30 * ms, 0, 30 * ms, 0, 60 * ms])
        #expect(record.responseText == "abcdefg")
        #expect(record.reasoningText == "r1r2")
        #expect(record.textChunks == 9)
        #expect(record.endToEndLatency == .milliseconds(260), "the end of the body completed [DONE]")
    }

    @Test func theRoleChunkDoesNotStopTheTTFTClock() throws {
        let bytes = try Fixture.bytes("llamacpp-chat-stream.sse")
        let events = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\n\n").filter { !$0.isEmpty }
        var observer = ResponseObserver(decoder: OpenAIStreamDecoder(isStreaming: true), isStreaming: true)
        observer.requestSent(at: zero)
        observer.receivedHead(status: 200, at: zero + .milliseconds(1))
        for (index, event) in events.enumerated() {
            observer.receivedBodyPart(ByteBuffer(string: event + "\n\n"), at: zero + .milliseconds(100 + index * 10))
        }
        observer.bodyEnded(at: zero + .milliseconds(1000))
        let record = observer.makeRecord(for: plan, endedAt: zero + .milliseconds(1000))
        #expect(record.outcome == .ok)
        #expect(record.timeToFirstToken == .milliseconds(110), "the second event is the first token")
        #expect(record.outputTokens == TokenCount(31, source: .server))
        #expect(record.textChunks == 30)
        #expect(record.endToEndLatency == .milliseconds(100 + (events.count - 1) * 10), "ends at [DONE]")
        #expect(record.serverDecodeTokensPerSecond == 62.74509803921569)
    }
}
