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
        let routes: [(path: String, api: SimulatedAPI)] =
            (configuration.servesOllama ? [("/api/generate", .ollamaGenerate), ("/api/chat", .ollamaChat)] : [])
            + (configuration.servesOpenAI
                ? [("/v1/chat/completions", .openAIChat), ("/v1/completions", .openAICompletions)] : [])
        return Dictionary(
            uniqueKeysWithValues: routes.map { path, api in
                let isChat = api.usesMessages
                let endpoint =
                    api.isOllama
                    ? GenerationEndpoint(
                        path: path, api: api,
                        format: { request, _ in
                            OllamaFormat(request, isChat: isChat, thinkingTokens: thinking, style: style)
                        },
                        modelNotFound: { "model \"\($0)\" not found, try pulling it first" })
                    : GenerationEndpoint(
                        path: path, api: api,
                        format: { request, number in
                            OpenAIFormat(
                                request, isChat: isChat, number: number, thinkingTokens: thinking, style: style)
                        },
                        modelNotFound: { "The model `\($0)` does not exist." })
                return (path, endpoint)
            })
    }
}
