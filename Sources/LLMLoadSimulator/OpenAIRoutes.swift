import Foundation
import Hummingbird

/// The OpenAI-compatible API as the simulator serves it: `/v1/chat/completions` and
/// `/v1/completions` (SSE with an optional usage chunk, or one JSON body), and `/v1/models`.
struct OpenAIRoutes: Sendable {
    let simulator: SimulatorState

    func register(on router: Router<SimulatorRequestContext>) {
        let responder = GenerationResponder(simulator: simulator)
        let (thinking, style) = (simulator.configuration.thinkingTokens, simulator.configuration.reasoningStyle)
        let notFound: @Sendable (String) -> String = { "The model `\($0)` does not exist." }
        router.post("/v1/chat/completions") { request, context in
            try await responder.respond(
                to: request, eventLoop: context.eventLoop, api: .openAIChat,
                format: { request, number in
                    OpenAIFormat(request, isChat: true, number: number, thinkingTokens: thinking, style: style)
                },
                modelNotFound: notFound)
        }
        router.post("/v1/completions") { request, context in
            try await responder.respond(
                to: request, eventLoop: context.eventLoop, api: .openAICompletions,
                format: { request, number in
                    OpenAIFormat(request, isChat: false, number: number, thinkingTokens: thinking, style: style)
                },
                modelNotFound: notFound)
        }
        if let dialect = simulator.configuration.tokenizeEndpoint {
            router.post("/tokenize") { request, _ in
                let body = try await request.body.collect(upTo: 64 << 20)
                return tokenize(body, dialect: dialect)
            }
        }
        router.get("/v1/models") { _, _ in
            let models = simulator.configuration.modelNames.map {
                #"{"id":\#(JSONText.quoted($0)),"object":"model","created":0,"owned_by":"llmload"}"#
            }
            return GenerationResponder.json(.ok, #"{"object":"list","data":[\#(models.joined(separator: ","))]}"#)
        }
    }

    /// `POST /tokenize` as llama.cpp or vLLM answers it: one id per token (all zero here).
    private func tokenize(_ body: ByteBuffer, dialect: TokenizeDialect) -> Response {
        let json = (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any] ?? [:]
        let field = dialect == .llamaCpp ? "content" : "prompt"
        guard let text = json[field] as? String else {
            return GenerationResponder.json(.badRequest, #"{"error":"\#(field) is required"}"#)
        }
        let count = SimulatedTokenizer.count(text)
        let tokens = "[" + Array(repeating: "0", count: count).joined(separator: ",") + "]"
        return switch dialect {
        case .llamaCpp: GenerationResponder.json(.ok, #"{"tokens":\#(tokens)}"#)
        case .vLLM: GenerationResponder.json(.ok, #"{"count":\#(count),"max_model_len":32768,"tokens":\#(tokens)}"#)
        }
    }
}
