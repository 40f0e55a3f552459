import LLMLoadBackends
import LLMLoadCore
import NIOCore
import Testing

/// The per-request caps (``ResponseLimits``): what an endless or oversized response leaves in
/// memory, and that every count goes on past them.
@Suite struct ResponseObserverCapsTests {
    let zero = ContinuousClock.now
    let key = "sk-live-0123456789abcdef"
    var plan: RequestPlan {
        RequestPlan(index: 0, scheduledAt: zero, request: InferenceRequest(model: "m", prompt: "p"))
    }

    func observer(status: Int = 200) -> ResponseObserver<OllamaStreamDecoder> {
        var observer = ResponseObserver(decoder: OllamaStreamDecoder(), isStreaming: true)
        observer.requestSent(at: zero)
        observer.receivedHead(status: status, at: zero + .milliseconds(1))
        return observer
    }

    /// 110,000 chunks of 16 answer bytes and 11 reasoning bytes, 1–7 ms apart: past both text
    /// caps and the stored gaps.
    @Test func anEndlessStreamHoldsItsCapsAndCountsEveryChunk() throws {
        let chunks = 110_000
        var observer = observer()
        var instant = zero + .milliseconds(10)
        var gaps: [Int64] = []
        for index in 0..<chunks {
            if index > 0 {
                let gap = Int64(1 + index % 7) * 1_000_000 + Int64(index % 13)
                gaps.append(gap)
                instant += .nanoseconds(gap)
            }
            let line = ByteBuffer(string: #"{"response":"0123456789abcdef","thinking":"…thinking"}"# + "\n")
            observer.receivedBodyPart(line, at: instant)
        }
        observer.receivedBodyPart(ByteBuffer(string: #"{"done":true}"# + "\n"), at: instant)
        observer.bodyEnded(at: instant)
        let record = observer.makeRecord(for: plan, endedAt: instant)

        #expect(record.outcome == .ok)
        #expect(record.textChunks == chunks)
        #expect(record.outputTokens == TokenCount(chunks, source: .estimated), "every chunk counts past the caps")
        #expect(record.responseText.utf8.count == ResponseLimits.answerTextBytes)
        #expect(record.responseTextTruncatedBytes == chunks * 16 - ResponseLimits.answerTextBytes)
        // 11 bytes do not divide the cap: 1 byte of room is left, inside the 3-byte `…`.
        #expect(record.reasoningText.utf8.count == ResponseLimits.reasoningTextBytes - 1)
        #expect(record.reasoningTextTruncatedBytes == chunks * 11 - (ResponseLimits.reasoningTextBytes - 1))
        #expect(record.reasoningText.hasSuffix("…thinking"), "`…` is not split at the cut")
        #expect(record.interTokenGapsNanoseconds == Array(gaps.prefix(ResponseLimits.storedTokenGaps)))
        let overflow = try #require(record.tokenGapOverflow)
        #expect(overflow.count == chunks - 1 - ResponseLimits.storedTokenGaps)
        #expect(overflow.sumNanoseconds == gaps.dropFirst(ResponseLimits.storedTokenGaps).reduce(0, +))
        #expect(overflow.microsecondBuckets.count <= 7 * 13, "folded gaps take a bucket per distinct value")
        #expect(record.tokenGapCount == chunks - 1)
        #expect(record.meanInterTokenGap == .nanoseconds(gaps.reduce(0, +)) / (chunks - 1))
        #expect(record.endToEndLatency == instant - zero)
    }

    @Test func aMultiByteCharacterAtTheAnswerCutIsNotSplit() {
        // 2 + 3 × 349,524 = 1,048,574 bytes fit; the next 人 would cross the 1 MiB cap.
        let answer = "ab" + String(repeating: "人", count: 349_530)
        var observer = observer()
        observer.receivedBodyPart(ByteBuffer(string: #"{"response":"\#(answer)"}"# + "\n"), at: zero + .seconds(1))
        observer.receivedBodyPart(ByteBuffer(string: #"{"response":"more"}"# + "\n"), at: zero + .seconds(2))
        observer.receivedBodyPart(ByteBuffer(string: #"{"done":true}"# + "\n"), at: zero + .seconds(2))
        let record = observer.makeRecord(for: plan, endedAt: zero + .seconds(3))
        #expect(record.responseText.utf8.count == 1_048_574)
        #expect(record.responseText.hasSuffix("人"))
        #expect(!record.responseText.unicodeScalars.contains("\u{FFFD}"))
        #expect(record.responseTextTruncatedBytes == answer.utf8.count - 1_048_574 + 4, "later chunks only count")
        #expect(record.textChunks == 2)
    }

    /// The first 3 characters of the key lie before byte 500, where a plain-text error body
    /// used to be cut: too short for the redactor to recognise as the key's beginning.
    @Test func aKeyAcrossTheFormerErrorBodyCutIsRedactedWhole() {
        let body = String(repeating: "e", count: 497) + key + String(repeating: " detail", count: 100)
        var observer = observer(status: 500)
        observer.receivedBodyPart(ByteBuffer(string: body), at: zero + .milliseconds(5))
        observer.bodyEnded(at: zero + .milliseconds(6))
        let message = observer.makeRecord(for: plan, endedAt: zero + .milliseconds(6)).errorMessage ?? ""
        let shown = ResponseLimits.shownErrorText(SecretRedactor(secrets: [key]).redact(message))
        #expect(shown.hasPrefix("HTTP 500: eee"))
        #expect(shown.contains("[redacted] detail"))
        #expect(!shown.contains("sk-"))
    }

    /// The same for a malformed line, which used to be quoted up to byte 200.
    @Test func aKeyAcrossTheFormerMalformedLineCutIsRedactedWhole() {
        let line = String(repeating: "<", count: 197) + key + String(repeating: ">", count: 100)
        var observer = observer()
        observer.receivedBodyPart(ByteBuffer(string: line + "\n"), at: zero + .milliseconds(5))
        let message = observer.makeRecord(for: plan, endedAt: zero + .milliseconds(6)).errorMessage ?? ""
        #expect(message.hasPrefix("malformed response line: <<<"))
        #expect(!SecretRedactor(secrets: [key]).redact(message).contains("sk-"))
    }

    @Test func aMultiByteCharacterAtTheFormerErrorBodyCutIsNotSplit() {
        let body = String(repeating: "e", count: 499) + "人人"
        var observer = observer(status: 502)
        observer.receivedBodyPart(ByteBuffer(string: body), at: zero + .milliseconds(5))
        observer.bodyEnded(at: zero + .milliseconds(6))
        let record = observer.makeRecord(for: plan, endedAt: zero + .milliseconds(6))
        #expect(record.errorMessage == "HTTP 502: " + body)
    }

    /// A server error inside the stream can be as long as an event (16 MiB).
    @Test func aHugeServerErrorIsKeptAtTheReceivedCap() throws {
        let text = String(repeating: "é", count: 500_000)
        var observer = observer()
        observer.receivedBodyPart(ByteBuffer(string: #"{"error":"\#(text)"}"# + "\n"), at: zero + .milliseconds(5))
        let record = observer.makeRecord(for: plan, endedAt: zero + .milliseconds(6))
        let message = try #require(record.errorMessage)
        #expect(record.outcome == .streamError)
        #expect(message.hasPrefix("server error in stream: éé"))
        #expect(message.hasSuffix("é…"))
        #expect(message.utf8.count <= ResponseLimits.receivedErrorTextBytes + "…".utf8.count)
        #expect(ResponseLimits.shownErrorText(message).hasSuffix("é… [truncated]"))
    }
}
