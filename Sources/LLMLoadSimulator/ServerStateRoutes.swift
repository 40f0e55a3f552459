import Foundation
import Hummingbird

/// The endpoints that tell a client about the server's own state, as the pre-flight check
/// reads them: llama.cpp's `GET /props` and `GET /slots` (beside the OpenAI API) and
/// Ollama's `GET /api/ps` and `POST /api/show` (beside its native API). Served unless
/// ``SimulatorConfiguration/servesServerState`` is off, so a server without them can be tried.
struct ServerStateRoutes: Sendable {
    let simulator: SimulatorState

    func register(on router: Router<BasicRequestContext>) {
        let configuration = simulator.configuration
        guard configuration.servesServerState else { return }
        if configuration.servesOpenAI { registerLlamaCpp(on: router) }
        if configuration.servesOllama { registerOllama(on: router) }
    }

    private func registerLlamaCpp(on router: Router<BasicRequestContext>) {
        let configuration = simulator.configuration
        let (slots, context) = (configuration.slotCount, configuration.slotContextLength)
        router.get("/props") { _, _ in
            JSONResponse.make(
                .ok,
                #"{"default_generation_settings":{"n_ctx":\#(context)},"total_slots":\#(slots),"#
                    + #""model_alias":\#(JSONText.quoted(configuration.modelName)),"endpoint_slots":true}"#)
        }
        router.get("/slots") { _, _ in
            // The generating requests hold the lowest slots, which is enough for a count.
            let busy = simulator.busySlots
            let list = (0..<slots).map { id in
                #"{"id":\#(id),"n_ctx":\#(context),"is_processing":\#(id < busy)}"#
            }
            return JSONResponse.make(.ok, "[" + list.joined(separator: ",") + "]")
        }
    }

    private func registerOllama(on router: Router<BasicRequestContext>) {
        let configuration = simulator.configuration
        router.get("/api/ps") { _, _ in
            guard let loaded = configuration.ollamaLoadedModel else {
                return JSONResponse.make(.ok, #"{"models":[]}"#)
            }
            let name = JSONText.quoted(configuration.modelName)
            let expires = Date().addingTimeInterval(300).formatted(.iso8601)
            return JSONResponse.make(
                .ok,
                #"{"models":[{"name":\#(name),"model":\#(name),"size":\#(loaded.sizeBytes),"#
                    + #""size_vram":\#(loaded.vramBytes),"expires_at":"\#(expires)","#
                    + #""context_length":\#(configuration.ollamaContextLength),"#
                    + #""details":{"format":"simulated","family":"llmload"}}]}"#)
        }
        router.post("/api/show") { request, _ in
            let body = try await request.body.collect(upTo: 1 << 20)
            let json = (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any]
            guard let model = json?["model"] as? String, configuration.modelNames.contains(model) else {
                return JSONResponse.make(.notFound, #"{"error":"model not found"}"#)
            }
            let trained = configuration.ollamaModelContextLimit ?? SimulatorConfiguration.trainedContextLength
            return JSONResponse.make(
                .ok,
                #"{"parameters":"num_ctx                        \#(configuration.ollamaContextLength)","#
                    + #""details":{"format":"simulated","family":"llmload"},"#
                    + #""model_info":{"general.architecture":"llmload","llmload.context_length":\#(trained)}}"#)
        }
    }
}
