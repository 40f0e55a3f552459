import LLMLoadBackends
import LLMLoadCore
import NIOCore
import Testing

/// Prompt tokens served from the server's cache: OpenAI's `usage.prompt_tokens_details.cached_tokens`
/// and llama.cpp's `timings.cache_n`, read alike by the byte-level reader and `JSONDecoder`.
@Suite struct CachedPromptTokensTests {
    private func completion(_ body: String, fast: Bool) throws -> StreamCompletion? {
        var decoder = OpenAIStreamDecoder(isStreaming: true, usesFastReader: fast)
        var events: [StreamEvent] = []
        try decoder.decode(ByteBuffer(string: body)) { events.append($0) }
        try decoder.finish { events.append($0) }
        guard case .done(let completion) = events.last else { return nil }
        return completion
    }

    private func stream(usage: String, timings: String? = nil) -> String {
        let finish = #"data: {"choices":[{"delta":{"content":"Hi"},"finish_reason":"stop"}]}"#
        let tail = timings.map { #","timings":"# + $0 } ?? ""
        return finish + "\n\n" + #"data: {"choices":[],"usage":"# + usage + tail + "}\n\ndata: [DONE]\n\n"
    }

    @Test func theCapturedLlamaCppStreamSaysNoneWereCached() throws {
        let text = String(decoding: try Fixture.bytes("llamacpp-chat-stream.sse"), as: UTF8.self)
        for fast in [true, false] {
            #expect(try completion(text, fast: fast)?.cachedPromptTokens == 0)
        }
    }

    @Test(
        arguments: [
            // OpenAI and vLLM: the usage's details.
            (#"{"prompt_tokens":54,"completion_tokens":4,"prompt_tokens_details":{"cached_tokens":53}}"#, nil, 53),
            // llama.cpp sends both; they agree (captured from llama-server's second identical request).
            (
                #"{"prompt_tokens":54,"prompt_tokens_details":{"cached_tokens":53}}"#,
                #"{"cache_n":53,"prompt_n":1,"prompt_ms":11.8}"#, 53
            ),
            // Timings alone (older llama.cpp).
            (#"{"prompt_tokens":54}"#, #"{"cache_n":20,"prompt_n":34}"#, 20),
            (#"{"prompt_tokens":54,"prompt_tokens_details":null}"#, nil, nil),
            (#"{"prompt_tokens":54,"prompt_tokens_details":{"audio_tokens":0}}"#, nil, nil),
            (#"{"prompt_tokens":54,"prompt_tokens_details":{"cached_tokens":null}}"#, nil, nil),
            // Not a count: JSONDecoder drops the whole usage, and the reader leaves it to it.
            (#"{"prompt_tokens":54,"prompt_tokens_details":{"cached_tokens":"53"}}"#, nil, nil),
            (#"{"prompt_tokens":54,"prompt_tokens_details":7}"#, nil, nil),
        ] as [(String, String?, Int?)])
    func readsCachedTokensAlikeWithBothReaders(usage: String, timings: String?, cached: Int?) throws {
        let body = stream(usage: usage, timings: timings)
        let fast = try completion(body, fast: true)
        let reference = try completion(body, fast: false)
        #expect(fast == reference)
        #expect(reference?.cachedPromptTokens == cached)
    }
}
