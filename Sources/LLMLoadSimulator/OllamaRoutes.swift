import Hummingbird

/// Ollama's native API as Hummingbird serves it: `/api/tags` and `/api/version`. Its
/// generation routes, `/api/generate` and `/api/chat`, are ``GenerationHandler``'s.
struct OllamaRoutes: Sendable {
    let simulator: SimulatorState

    func register(on router: Router<BasicRequestContext>) {
        router.get("/api/version") { _, _ in
            JSONResponse.make(.ok, #"{"version":"0.0.0-llmload-sim"}"#)
        }
        router.get("/api/tags") { _, _ in
            let models = simulator.configuration.modelNames.map { name in
                let name = JSONText.quoted(name)
                return #"{"name":\#(name),"model":\#(name),"size":0,"digest":"llmload-sim","#
                    + #""details":{"format":"simulated","family":"llmload"}}"#
            }
            return JSONResponse.make(.ok, #"{"models":[\#(models.joined(separator: ","))]}"#)
        }
    }
}
