/// One generation route: its path, its API, and how it spells answers and a missing model.
struct GenerationEndpoint: Sendable {
    let path: String
    let api: SimulatedAPI
    let format: @Sendable (SimulatedRequest, _ number: Int) -> any WireFormat
    let modelNotFound: @Sendable (String) -> String

    /// The generation routes `configuration` serves, by path: Ollama's `/api/generate` and
    /// `/api/chat`, the OpenAI-compatible `/v1/chat/completions` and `/v1/completions`.
    static func table(for configuration: SimulatorConfiguration) -> [String: GenerationEndpoint] {
        let (thinking, style) = (configuration.thinkingTokens, configuration.reasoningStyle)
        var endpoints: [GenerationEndpoint] = []
        if configuration.servesOllama {
            let notFound: @Sendable (String) -> String = { "model \"\($0)\" not found, try pulling it first" }
            for (path, api, isChat) in [
                ("/api/generate", SimulatedAPI.ollamaGenerate, false), ("/api/chat", .ollamaChat, true),
            ] {
                endpoints.append(
                    GenerationEndpoint(
                        path: path, api: api,
                        format: { request, _ in
                            OllamaFormat(request, isChat: isChat, thinkingTokens: thinking, style: style)
                        },
                        modelNotFound: notFound))
            }
        }
        if configuration.servesOpenAI {
            let notFound: @Sendable (String) -> String = { "The model `\($0)` does not exist." }
            for (path, api, isChat) in [
                ("/v1/chat/completions", SimulatedAPI.openAIChat, true), ("/v1/completions", .openAICompletions, false),
            ] {
                endpoints.append(
                    GenerationEndpoint(
                        path: path, api: api,
                        format: { request, number in
                            OpenAIFormat(
                                request, isChat: isChat, number: number, thinkingTokens: thinking, style: style)
                        },
                        modelNotFound: notFound))
            }
        }
        return Dictionary(uniqueKeysWithValues: endpoints.map { ($0.path, $0) })
    }
}
