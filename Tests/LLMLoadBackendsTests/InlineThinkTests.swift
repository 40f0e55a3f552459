import LLMLoadCore
import NIOCore
import Testing

@testable import LLMLoadBackends

/// Reasoning written inline as `<think>…</think>` is taken out of the answer, wherever the
/// server's chunks cut the text, and the first answer token is the first chunk after it.
@Suite struct InlineThinkTests {
    static let text =
        " \n<think>\nThe user greets me. 先想一想 </thin k> is not it.\n</think>\n\n你好! The answer </think> <think>"
    static let reasoning = "\nThe user greets me. 先想一想 </thin k> is not it.\n"
    static let answer = "\n\n你好! The answer </think> <think>"

    private func split(_ pieces: [String]) -> (answer: String, reasoning: String) {
        var splitter = InlineThinkSplitter()
        var answer = ""
        var reasoning = ""
        for piece in pieces {
            let part = splitter.split(piece)
            answer += part.answer
            reasoning += part.reasoning
        }
        let rest = splitter.finish()
        return (answer + rest.answer, reasoning + rest.reasoning)
    }

    @Test func everyCutInTwoOrThreeGivesTheSameSplit() {
        let characters = Array(Self.text)
        for first in 0...characters.count {
            let two = [String(characters[..<first]), String(characters[first...])]
            let result = split(two)
            #expect(result.answer == Self.answer && result.reasoning == Self.reasoning, "cut at \(first)")
            for second in stride(from: first, through: characters.count, by: 3) {
                let three = [
                    String(characters[..<first]), String(characters[first..<second]), String(characters[second...]),
                ]
                let result = split(three)
                #expect(
                    result.answer == Self.answer && result.reasoning == Self.reasoning, "cut at \(first), \(second)")
            }
        }
        let oneByOne = split(characters.map { String($0) })
        #expect(oneByOne.answer == Self.answer && oneByOne.reasoning == Self.reasoning)
    }

    @Test func anAnswerThatDoesNotOpenWithTheTagIsAllAnswer() {
        for text in ["Hello <think>x</think>", "<thinking>no</thinking>", "<b>bold</b>", "  ", "<thi", ""] {
            let result = split(Array(text).map { String($0) })
            #expect(result.answer == text && result.reasoning.isEmpty, "\(text)")
        }
    }

    @Test func reasoningCutOffByTheTokenLimitStaysReasoning() {
        let result = split(["<think>", "still thinking </th"])
        #expect(result.answer.isEmpty && result.reasoning == "still thinking </th")
    }

    /// llama.cpp with `--reasoning-format none`: the tags arrive as tokens of their own.
    @Test func theFirstAnswerTokenIsTheFirstChunkAfterTheClosingTag() {
        let pieces = ["<think>", "\n", "Hmm", ".", "</", "think>", "\n\n", "Hi", "!"]
        var observer = ResponseObserver(decoder: OpenAIStreamDecoder(isStreaming: true), isStreaming: true)
        let zero = ContinuousClock.now
        observer.requestSent(at: zero)
        observer.receivedHead(status: 200, at: zero)
        for (index, piece) in pieces.enumerated() {
            let chunk = #"{"choices":[{"index":0,"delta":{"content":\#(quoted(piece))},"finish_reason":null}]}"#
            observer.receivedBodyPart(ByteBuffer(string: "data: \(chunk)\n\n"), at: zero + .milliseconds(100 + index))
        }
        observer.receivedBodyPart(ByteBuffer(string: "data: [DONE]\n\n"), at: zero + .milliseconds(200))
        observer.bodyEnded(at: zero + .milliseconds(200))
        let record = observer.makeRecord(
            for: RequestPlan(index: 0, scheduledAt: zero, request: InferenceRequest(model: "m", prompt: "p")),
            endedAt: zero + .milliseconds(200))
        #expect(record.timeToFirstToken == .milliseconds(100), "the opening tag is the first token")
        #expect(record.timeToFirstAnswerToken == .milliseconds(106), "the blank line after </think>")
        #expect(record.thinkingDuration == .milliseconds(6))
        #expect(record.reasoningText == "\nHmm." && record.responseText == "\n\nHi!")
        #expect(record.textChunks == 9, "every token still counts")
    }

    /// The pieces need only newlines escaped.
    private func quoted(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\n", with: "\\n") + "\"" }
}

/// The real capture: qwen3:8b on Ollama, thinking inline in `response` (line 1 opens `<think>`,
/// line 137 closes it).
@Suite struct InlineThinkCaptureTests {
    @Test func aRealQwen3StreamSplitsAtItsClosingTag() throws {
        let lines = String(
            decoding: try Fixture.bytes("ollama-qwen3-generate-stream-inline-think.ndjson"), as: UTF8.self
        )
        .split(separator: "\n").map(String.init)
        let zero = ContinuousClock.now
        var observer = ResponseObserver(decoder: OllamaStreamDecoder(), isStreaming: true)
        observer.requestSent(at: zero)
        observer.receivedHead(status: 200, at: zero)
        for (index, line) in lines.enumerated() {
            observer.receivedBodyPart(ByteBuffer(string: line + "\n"), at: zero + .milliseconds(10 * (index + 1)))
        }
        observer.bodyEnded(at: zero + .milliseconds(10 * (lines.count + 1)))
        let record = observer.makeRecord(
            for: RequestPlan(index: 0, scheduledAt: zero, request: InferenceRequest(model: "m", prompt: "p")),
            endedAt: zero + .seconds(10))
        #expect(record.outcome == .ok)
        #expect(record.timeToFirstToken == .milliseconds(10), "line 1, the opening tag")
        #expect(record.timeToFirstAnswerToken == .milliseconds(1380), "line 138, the first after </think>")
        #expect(record.thinkingDuration == .milliseconds(1370))
        #expect(record.reasoningText.hasPrefix("\nOkay, the user wants me to describe a rabbit"))
        #expect(!record.reasoningText.contains("think>") && !record.responseText.contains("think>"))
        #expect(!record.responseText.isEmpty && record.responseText.hasSuffix("."))
    }
}
