import Foundation
import LLMLoadCore
import NIOCore
import NIOFoundationCompat

/// Checks a target before any load is sent: that it answers, which API it speaks (when not
/// told), which version it runs, and that the model exists — or which one to use when none
/// was given.
///
/// Ollama is recognised by `GET /api/version` (it also serves `/v1`, but its native API
/// reports more); an OpenAI-compatible server by `GET /v1/models`.
public enum TargetDiscovery {
    /// What the target said about itself.
    public struct Target: Sendable, Equatable {
        public var api: APIKind
        public var model: String
        public var serverVersion: String?
    }

    /// - Parameters:
    ///   - api: the API asked for; `nil` detects it.
    ///   - model: the model asked for; `nil` picks the only one the server lists.
    ///   - headers: sent with every request (authorization).
    /// - Throws: ``TargetError`` naming the problem.
    public static func discover(
        baseURL: String,
        api: APIKind?,
        model: String?,
        headers: [(String, String)],
        using client: HTTPInferenceClient,
        timeout: Duration = .seconds(10)
    ) async throws -> Target {
        func get(_ path: String) async throws -> (status: Int, body: ByteBuffer) {
            do {
                return try await client.get(baseURL + path, headers: headers, timeout: timeout)
            } catch {
                throw TargetError.unreachable(url: baseURL, reason: TransportFailure.describe(error))
            }
        }
        var ollamaAnswer: Int?
        if api == nil || api?.isOllama == true {
            let (status, body) = try await get("/api/version")
            if status == 200, let version = decode(OllamaVersion.self, body)?.version {
                let (tagsStatus, tagsBody) = try await get("/api/tags")
                guard tagsStatus == 200, let tags = decode(OllamaTags.self, tagsBody) else {
                    throw TargetError.unexpectedAnswer(
                        url: baseURL, detail: "GET /api/tags answered HTTP \(tagsStatus)")
                }
                let chosen = try choose(model, from: tags.models.map(\.name), acceptsLatestTag: true)
                return Target(api: api ?? .ollamaGenerate, model: chosen, serverVersion: version)
            }
            if api != nil {
                throw TargetError.unexpectedAnswer(
                    url: baseURL, detail: "GET /api/version answered HTTP \(status); is it an Ollama server?")
            }
            ollamaAnswer = status
        }
        let (status, body) = try await get("/v1/models")
        if status == 401 || status == 403 {
            throw TargetError.unauthorized(
                url: baseURL, status: status, hasKey: headers.contains { $0.0 == "Authorization" })
        }
        let version = try? await get("/version")
        let serverVersion = version.flatMap { $0.status == 200 ? decode(OllamaVersion.self, $0.body)?.version : nil }
        guard status == 200, let models = decode(OpenAIModels.self, body) else {
            // Some OpenAI-compatible servers have no model list: trust an explicit choice.
            if let api, let model { return Target(api: api, model: model, serverVersion: serverVersion) }
            let detail =
                (ollamaAnswer.map { "GET /api/version answered HTTP \($0), " } ?? "")
                + "GET /v1/models answered HTTP \(status)"
            throw TargetError.unknownAPI(url: baseURL, detail: detail)
        }
        let chosen = try choose(model, from: models.data.map(\.id), acceptsLatestTag: false)
        return Target(api: api ?? .openAIChat, model: chosen, serverVersion: serverVersion)
    }

    private static func choose(_ model: String?, from names: [String], acceptsLatestTag: Bool) throws -> String {
        guard let model else {
            guard names.count == 1 else { throw TargetError.modelNotGiven(available: names) }
            return names[0]
        }
        // Ollama accepts `name` for `name:latest`.
        guard names.contains(model) || (acceptsLatestTag && names.contains(model + ":latest")) else {
            throw TargetError.unknownModel(model, available: names)
        }
        return model
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ body: ByteBuffer) -> T? {
        try? JSONDecoder().decode(type, from: body)
    }

    private struct OllamaVersion: Decodable {
        var version: String
    }

    private struct OllamaTags: Decodable {
        struct Model: Decodable {
            var name: String
        }

        var models: [Model]
    }

    private struct OpenAIModels: Decodable {
        struct Model: Decodable {
            var id: String
        }

        var data: [Model]
    }
}

/// Problems with the target found before the load starts; each stops the run with one line.
public enum TargetError: Error, CustomStringConvertible, Equatable {
    case unreachable(url: String, reason: String)
    case unexpectedAnswer(url: String, detail: String)
    case unknownAPI(url: String, detail: String)
    case unauthorized(url: String, status: Int, hasKey: Bool)
    case modelNotGiven(available: [String])
    case unknownModel(String, available: [String])

    public var description: String {
        switch self {
        case .unreachable(let url, let reason) where reason.hasPrefix("TLS"):
            "cannot reach \(url): \(reason)"
        case .unreachable(let url, let reason):
            "cannot reach \(url): \(reason). Is the server running, and is the URL right?"
        case .unexpectedAnswer(let url, let detail):
            "\(url) did not answer as expected (\(detail))"
        case .unknownAPI(let url, let detail):
            "cannot tell which API \(url) speaks (\(detail)); name it with --api"
        case .unauthorized(let url, let status, let hasKey):
            hasKey
                ? "\(url) refused the API key (HTTP \(status))"
                : "\(url) needs an API key (HTTP \(status)): give --api-key or set OPENAI_API_KEY"
        case .modelNotGiven(let available):
            available.isEmpty
                ? "no --model given and the server lists no models"
                : "no --model given and the server lists several: \(available.joined(separator: ", "))"
        case .unknownModel(let model, let available):
            "model \"\(model)\" is not on the server"
                + (available.isEmpty ? " (it lists no models)" : "; it has: \(available.joined(separator: ", "))")
        }
    }
}
