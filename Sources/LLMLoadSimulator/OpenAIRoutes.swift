import Hummingbird

/// The OpenAI-compatible API as the simulator serves it: `/v1/chat/completions` and
/// `/v1/completions` (SSE with an optional usage chunk, or one JSON body), and `/v1/models`.
struct OpenAIRoutes: Sendable {
    let simulator: SimulatorState

    func register(on router: Router<BasicRequestContext>) {
        let responder = GenerationResponder(simulator: simulator)
        let notFound: @Sendable (String) -> String = { "The model `\($0)` does not exist." }
        router.post("/v1/chat/completions") { request, _ in
            try await responder.respond(
                to: request, api: .openAIChat,
                format: { request, number in OpenAIFormat(request, isChat: true, number: number) },
                modelNotFound: notFound)
        }
        router.post("/v1/completions") { request, _ in
            try await responder.respond(
                to: request, api: .openAICompletions,
                format: { request, number in OpenAIFormat(request, isChat: false, number: number) },
                modelNotFound: notFound)
        }
        router.get("/v1/models") { _, _ in
            let models = simulator.configuration.modelNames.map {
                #"{"id":\#(JSONText.quoted($0)),"object":"model","created":0,"owned_by":"llmload"}"#
            }
            return GenerationResponder.json(.ok, #"{"object":"list","data":[\#(models.joined(separator: ","))]}"#)
        }
    }
}
