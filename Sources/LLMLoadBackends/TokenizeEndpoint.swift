import Foundation
import LLMLoadCore
import NIOCore
import NIOFoundationCompat

/// A server's own tokenizer over HTTP, `POST /tokenize`: llama.cpp's `llama-server` takes
/// `{"content": …}`, vLLM `{"model": …, "prompt": …}`; both answer with the token ids (vLLM
/// also with their `count`). Counts the text alone, without any chat template.
public struct TokenizeEndpoint: Sendable {
    /// Which body the server took.
    public enum Dialect: String, Sendable {
        case llamaCpp = "llama.cpp"
        case vLLM = "vLLM"
    }

    public let dialect: Dialect
    let url: String
    let model: String
    let headers: [(String, String)]
    let client: HTTPInferenceClient
    let timeout: Duration

    /// Finds the endpoint on `baseURL`, trying each dialect with a short text; `nil` when the
    /// server has none (a 404, or an answer without tokens).
    public static func probe(
        baseURL: String, model: String, headers: [(String, String)], using client: HTTPInferenceClient,
        timeout: Duration
    ) async -> TokenizeEndpoint? {
        for dialect in [Dialect.llamaCpp, .vLLM] {
            let endpoint = TokenizeEndpoint(
                dialect: dialect, url: baseURL + "/tokenize", model: model, headers: headers, client: client,
                timeout: timeout)
            if let count = try? await endpoint.count("Hello there, how are you?"), count > 0 { return endpoint }
        }
        return nil
    }

    /// The number of tokens of `text`.
    /// - Throws: ``TokenizeError`` when the server refuses it or answers without tokens.
    public func count(_ text: String) async throws -> Int {
        let body: ByteBuffer =
            switch dialect {
            case .llamaCpp: try JSONEncoder().encodeAsByteBuffer(LlamaBody(content: text), allocator: .init())
            case .vLLM: try JSONEncoder().encodeAsByteBuffer(VLLMBody(model: model, prompt: text), allocator: .init())
            }
        let status: Int
        let answer: ByteBuffer
        do {
            (status, answer) = try await client.post(url, json: body, headers: headers, timeout: timeout)
        } catch {
            throw TokenizeError(description: "POST \(url) failed: \(TransportFailure.describe(error))")
        }
        guard status == 200 else {
            throw TokenizeError(
                description: "POST \(url) answered HTTP \(status): \(ErrorBodyMessage.extract(from: answer))")
        }
        guard let decoded = try? JSONDecoder().decode(Answer.self, from: answer) else {
            throw TokenizeError(description: "POST \(url) answered without a token list")
        }
        return decoded.count ?? decoded.tokens.count
    }

    private struct LlamaBody: Encodable {
        var content: String
    }

    private struct VLLMBody: Encodable {
        var model: String
        var prompt: String
    }

    /// `tokens` holds ids, or objects with the id and piece when asked for pieces.
    private struct Answer: Decodable {
        var tokens: [Token]
        var count: Int?

        struct Token: Decodable {
            init(from decoder: any Decoder) throws {}
        }
    }
}

/// A `/tokenize` call that failed.
public struct TokenizeError: Error, CustomStringConvertible {
    public var description: String
}
