import Foundation
import LLMLoadBackends
import LLMLoadCore
import NIOCore
import NIOFoundationCompat
import Testing

@Suite struct OllamaAPITests {
    private func body(_ api: OllamaAPI, _ request: InferenceRequest) throws -> [String: Any] {
        let buffer = try api.makeBody(for: request)
        return try #require(try JSONSerialization.jsonObject(with: Data(buffer: buffer)) as? [String: Any])
    }

    @Test func generateCarriesPromptOptionsAndKeepAlive() throws {
        let request = InferenceRequest(
            model: "deepseek-r1:1.5b", prompt: "你好, \"world\"", maxOutputTokens: 64, isStreaming: true,
            sampling: SamplingOptions(temperature: 0.5, topP: 0.9, seed: 42), keepAlive: "5m"
        )
        let json = try body(OllamaAPI(endpoint: .generate), request)
        #expect(json["model"] as? String == "deepseek-r1:1.5b")
        #expect(json["prompt"] as? String == "你好, \"world\"")
        #expect(json["messages"] == nil)
        #expect(json["stream"] as? Bool == true)
        #expect(json["keep_alive"] as? String == "5m")
        let options = try #require(json["options"] as? [String: Any])
        #expect(options["num_predict"] as? Int == 64)
        #expect(options["temperature"] as? Double == 0.5)
        #expect(options["top_p"] as? Double == 0.9)
        #expect(options["seed"] as? Int == 42)
    }

    @Test(arguments: [true, false])
    func thinkReachesBothEndpoints(think: Bool) throws {
        for endpoint in [OllamaAPI.Endpoint.generate, .chat] {
            let json = try body(OllamaAPI(endpoint: endpoint), InferenceRequest(model: "m", prompt: "hi", think: think))
            #expect(json["think"] as? Bool == think)
        }
    }

    @Test func chatSendsOneUserMessageAndOmitsUnsetOptions() throws {
        let json = try body(OllamaAPI(endpoint: .chat), InferenceRequest(model: "m", prompt: "hi", isStreaming: false))
        #expect(json["prompt"] == nil)
        let messages = try #require(json["messages"] as? [[String: String]])
        #expect(messages == [["role": "user", "content": "hi"]])
        #expect(json["stream"] as? Bool == false, "stream is always explicit")
        #expect(json["options"] == nil)
        #expect(json["keep_alive"] == nil)
        #expect(json["think"] == nil, "--think auto sends nothing")
    }

    @Test func pathsFollowTheEndpoint() {
        #expect(OllamaAPI(endpoint: .generate).path == "/api/generate")
        #expect(OllamaAPI(endpoint: .chat).path == "/api/chat")
        #expect(APIKind.ollamaChat.makeAPI().path == "/api/chat")
    }
}
