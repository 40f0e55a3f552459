import Foundation
import Hummingbird

/// The OpenAI-compatible API as Hummingbird serves it: `/v1/models` and `/tokenize`. Its
/// generation routes, `/v1/chat/completions` and `/v1/completions`, are ``GenerationHandler``'s.
struct OpenAIRoutes: Sendable {
    let simulator: SimulatorState

    func register(on router: Router<BasicRequestContext>) {
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
            return JSONResponse.make(.ok, #"{"object":"list","data":[\#(models.joined(separator: ","))]}"#)
        }
    }

    /// `POST /tokenize` as llama.cpp or vLLM answers it: one id per token (all zero here).
    private func tokenize(_ body: ByteBuffer, dialect: TokenizeDialect) -> Response {
        let json = (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any] ?? [:]
        let field = dialect == .llamaCpp ? "content" : "prompt"
        guard let text = json[field] as? String else {
            return JSONResponse.make(.badRequest, #"{"error":"\#(field) is required"}"#)
        }
        let count = SimulatedTokenizer.count(text)
        let tokens = "[" + Array(repeating: "0", count: count).joined(separator: ",") + "]"
        return switch dialect {
        case .llamaCpp: JSONResponse.make(.ok, #"{"tokens":\#(tokens)}"#)
        case .vLLM: JSONResponse.make(.ok, #"{"count":\#(count),"max_model_len":32768,"tokens":\#(tokens)}"#)
        }
    }
}
