import Foundation
import LLMLoadBackends
import LLMLoadCore
import NIOCore
import NIOFoundationCompat
import Testing

@Suite struct OpenAIAPITests {
    private func body(_ api: OpenAIAPI, _ request: InferenceRequest) throws -> [String: Any] {
        let buffer = try api.makeBody(for: request)
        return try #require(try JSONSerialization.jsonObject(with: Data(buffer: buffer)) as? [String: Any])
    }

    @Test func chatStreamsWithUsageAndEveryOptionAskedFor() throws {
        let request = InferenceRequest(
            model: "smollm2", prompt: "hi", maxOutputTokens: 32, isStreaming: true,
            sampling: SamplingOptions(temperature: 0, topP: 0.5, seed: 7), stop: ["\n\n"], ignoresEndOfSequence: true
        )
        let json = try body(OpenAIAPI(endpoint: .chat), request)
        #expect(json["model"] as? String == "smollm2")
        #expect(json["messages"] as? [[String: String]] == [["role": "user", "content": "hi"]])
        #expect(json["prompt"] == nil)
        #expect(json["max_tokens"] as? Int == 32)
        #expect(json["temperature"] as? Double == 0)
        #expect(json["top_p"] as? Double == 0.5)
        #expect(json["seed"] as? Int == 7)
        #expect(json["stop"] as? [String] == ["\n\n"])
        #expect(json["ignore_eos"] as? Bool == true)
        #expect(json["stream"] as? Bool == true)
        #expect((json["stream_options"] as? [String: Bool]) == ["include_usage": true])
    }

    @Test func completionsWithoutStreamingOmitsStreamOptionsAndUnsetFields() throws {
        let json = try body(
            OpenAIAPI(endpoint: .completions), InferenceRequest(model: "m", prompt: "p", isStreaming: false))
        #expect(json["prompt"] as? String == "p")
        #expect(json["messages"] == nil)
        #expect(json["stream"] as? Bool == false)
        #expect(json["stream_options"] == nil)
        #expect(json["ignore_eos"] == nil, "sent only when asked")
        #expect(json["max_tokens"] == nil)
    }

    /// vLLM and SGLang switch a reasoning template's thinking with `chat_template_kwargs`; a
    /// plain completion has no chat template, and `auto` sends nothing.
    @Test func thinkIsAChatTemplateSwitchOnlyWhenAsked() throws {
        let on = try body(OpenAIAPI(endpoint: .chat), InferenceRequest(model: "m", prompt: "hi", think: true))
        #expect((on["chat_template_kwargs"] as? [String: Bool]) == ["enable_thinking": true])
        let off = try body(OpenAIAPI(endpoint: .chat), InferenceRequest(model: "m", prompt: "hi", think: false))
        #expect((off["chat_template_kwargs"] as? [String: Bool]) == ["enable_thinking": false])
        #expect(
            try body(OpenAIAPI(endpoint: .chat), InferenceRequest(model: "m", prompt: "hi"))["chat_template_kwargs"]
                == nil)
        let completion = try body(
            OpenAIAPI(endpoint: .completions), InferenceRequest(model: "m", prompt: "hi", think: true))
        #expect(completion["chat_template_kwargs"] == nil)
    }

    @Test func paths() {
        #expect(OpenAIAPI(endpoint: .chat).path == "/v1/chat/completions")
        #expect(OpenAIAPI(endpoint: .completions).path == "/v1/completions")
    }
}
