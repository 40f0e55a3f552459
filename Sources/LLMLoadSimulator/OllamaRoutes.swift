import Hummingbird

/// Ollama's native API as the simulator serves it: `/api/generate`, `/api/chat` (NDJSON
/// streaming, or one object with `"stream": false`), `/api/tags` and `/api/version`.
struct OllamaRoutes: Sendable {
    let simulator: SimulatorState

    func register(on router: Router<SimulatorRequestContext>) {
        let responder = GenerationResponder(simulator: simulator)
        let (thinking, style) = (simulator.configuration.thinkingTokens, simulator.configuration.reasoningStyle)
        let notFound: @Sendable (String) -> String = { "model \"\($0)\" not found, try pulling it first" }
        router.post("/api/generate") { request, context in
            try await responder.respond(
                to: request, eventLoop: context.eventLoop, api: .ollamaGenerate,
                format: { request, _ in OllamaFormat(request, isChat: false, thinkingTokens: thinking, style: style) },
                modelNotFound: notFound)
        }
        router.post("/api/chat") { request, context in
            try await responder.respond(
                to: request, eventLoop: context.eventLoop, api: .ollamaChat,
                format: { request, _ in OllamaFormat(request, isChat: true, thinkingTokens: thinking, style: style) },
                modelNotFound: notFound)
        }
        router.get("/api/version") { _, _ in
            GenerationResponder.json(.ok, #"{"version":"0.0.0-llmload-sim"}"#)
        }
        router.get("/api/tags") { _, _ in
            let models = simulator.configuration.modelNames.map { name in
                let name = JSONText.quoted(name)
                return #"{"name":\#(name),"model":\#(name),"size":0,"digest":"llmload-sim","#
                    + #""details":{"format":"simulated","family":"llmload"}}"#
            }
            return GenerationResponder.json(.ok, #"{"models":[\#(models.joined(separator: ","))]}"#)
        }
    }
}
