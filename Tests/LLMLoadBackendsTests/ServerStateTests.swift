import Foundation
import LLMLoadBackends
import Testing

/// The pre-flight parsers on real llama.cpp captures and on Ollama answers written from its
/// API description (`ollama-ps.json`, `ollama-show.json`: a deepseek-r1 partly on the CPU).
@Suite struct ServerStateTests {
    private func data(_ name: String) throws -> Data { Data(try Fixture.bytes(name)) }

    @Test func llamaCppPropsGiveSlotsContextPerSlotAndAlias() throws {
        let props = try #require(LlamaCppProps(json: try data("llamacpp-props.json")))
        #expect(props == LlamaCppProps(totalSlots: 4, contextPerSlot: 5120, modelAlias: "smollm2"))
    }

    @Test func llamaCppSlotsCountTheBusyOnes() throws {
        #expect(LlamaCppSlots(json: try data("llamacpp-slots.json")) == LlamaCppSlots(count: 4, busy: 0))
        #expect(LlamaCppSlots(json: try data("llamacpp-slots-busy.json")) == LlamaCppSlots(count: 4, busy: 3))
    }

    @Test func otherAnswersAreNotLlamaCppState() throws {
        #expect(LlamaCppProps(json: Data(#"{"error":"not found"}"#.utf8)) == nil)
        #expect(LlamaCppProps(json: try data("llamacpp-models.json")) == nil)
        #expect(LlamaCppSlots(json: Data("[]".utf8)) == nil)
        #expect(LlamaCppSlots(json: Data(#"{"slots":1}"#.utf8)) == nil)
    }

    @Test func llamaCppsModelListHasNoMaxModelLenButVLLMsHas() throws {
        #expect(ModelListContext.maxModelLength(in: try data("llamacpp-models.json"), model: "smollm2") == nil)
        let vLLM = #"{"object":"list","data":[{"id":"Qwen/Qwen2.5-7B","object":"model","max_model_len":32768}]}"#
        #expect(ModelListContext.maxModelLength(in: Data(vLLM.utf8), model: "Qwen/Qwen2.5-7B") == 32768)
        #expect(ModelListContext.maxModelLength(in: Data(vLLM.utf8), model: "other") == nil)
    }

    /// Written from SGLang's and TGI's server code, not captured: the fields each names its context in.
    @Test func sglangAndTGIStateTheirContextAtTheirInfoEndpoints() {
        let sglang =
            #"{"model_path":"Qwen/Qwen3-8B","context_length":null,"internal_states":[{"context_length":40960}]}"#
        #expect(ServerInfoContext.sglang(json: Data(sglang.utf8))?.tokens == 40960)
        #expect(ServerInfoContext.sglang(json: Data(#"{"context_length":8192}"#.utf8))?.tokens == 8192)
        #expect(ServerInfoContext.sglang(json: Data(#"{"context_length":null}"#.utf8)) == nil)
        let tgi = #"{"model_id":"m","max_input_tokens":4095,"max_total_tokens":4096,"max_concurrent_requests":128}"#
        #expect(
            ServerInfoContext.tgi(json: Data(tgi.utf8))
                == ServerInfoContext(tokens: 4096, source: "max_total_tokens (TGI GET /info)"))
        #expect(ServerInfoContext.tgi(json: Data(#"{"max_total_tokens":-1}"#.utf8)) == nil)
        #expect(ServerInfoContext.tgi(json: Data("not json".utf8)) == nil)
    }

    @Test func ollamaPsListsTheLoadedModelWithItsShareInGPUMemory() throws {
        let models = try #require(OllamaRunningModel.list(json: try data("ollama-ps.json")))
        #expect(
            models == [
                OllamaRunningModel(
                    name: "deepseek-r1:7b", sizeBytes: 6_654_289_920, vramBytes: 3_992_977_408,
                    expiresAt: "2026-12-01T15:04:05.123456789Z", contextLength: 8192)
            ])
        #expect(models[0].isModel("deepseek-r1:7b"))
        #expect(OllamaRunningModel(name: "qwen3:latest", sizeBytes: 1, vramBytes: 1).isModel("qwen3"))
        #expect(!models[0].isModel("deepseek-r1"))
        #expect(OllamaRunningModel.list(json: Data(#"{"models":[]}"#.utf8)) == [])
    }

    @Test func ollamaShowGivesTheTrainedContextAndTheNumCtxParameter() throws {
        let details = try #require(OllamaModelDetails(json: try data("ollama-show.json")))
        #expect(
            details == OllamaModelDetails(architecture: "qwen2", trainedContextLength: 131_072, contextParameter: 8192))
        let bare = try #require(OllamaModelDetails(json: Data(#"{"parameters":"temperature 0.6"}"#.utf8)))
        #expect(bare == OllamaModelDetails())
    }
}
