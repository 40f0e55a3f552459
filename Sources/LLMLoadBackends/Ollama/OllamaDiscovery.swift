import Foundation
import LLMLoadCore
import NIOCore
import NIOFoundationCompat

/// Checks an Ollama target before any load is sent: that it answers, which version it runs,
/// and that the model exists (or which one to use when none was given).
public enum OllamaDiscovery {
    /// What the target said about itself.
    public struct Target: Sendable {
        public var model: String
        public var serverVersion: String?
    }

    /// - Parameter model: the model asked for; `nil` picks the only one the server lists.
    /// - Throws: ``TargetError`` with a message naming the problem.
    public static func check(
        baseURL: String,
        model: String?,
        using client: HTTPInferenceClient,
        timeout: Duration = .seconds(10)
    ) async throws -> Target {
        let version: String?
        do {
            let (status, body) = try await client.get(baseURL + "/api/version", timeout: timeout)
            version = status == 200 ? decode(Version.self, body)?.version : nil
        } catch {
            throw TargetError.unreachable(url: baseURL, reason: TransportFailure.describe(error))
        }
        let tags: (status: Int, body: ByteBuffer)
        do {
            tags = try await client.get(baseURL + "/api/tags", timeout: timeout)
        } catch {
            throw TargetError.unreachable(url: baseURL, reason: TransportFailure.describe(error))
        }
        guard tags.status == 200, let list = decode(Tags.self, tags.body) else {
            throw TargetError.notOllama(url: baseURL, detail: "GET /api/tags answered HTTP \(tags.status)")
        }
        let names = list.models.map(\.name)
        guard let model else {
            guard names.count == 1 else { throw TargetError.modelNotGiven(available: names) }
            return Target(model: names[0], serverVersion: version)
        }
        // Ollama accepts `name` for `name:latest`.
        guard names.contains(model) || names.contains(model + ":latest") else {
            throw TargetError.unknownModel(model, available: names)
        }
        return Target(model: model, serverVersion: version)
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ body: ByteBuffer) -> T? {
        try? JSONDecoder().decode(type, from: body)
    }

    private struct Version: Decodable {
        var version: String
    }

    private struct Tags: Decodable {
        struct Model: Decodable {
            var name: String
        }

        var models: [Model]
    }
}

/// Problems with the target found before the load starts; each stops the run with one line.
public enum TargetError: Error, CustomStringConvertible, Equatable {
    case unreachable(url: String, reason: String)
    case notOllama(url: String, detail: String)
    case modelNotGiven(available: [String])
    case unknownModel(String, available: [String])

    public var description: String {
        switch self {
        case .unreachable(let url, let reason):
            "cannot reach \(url): \(reason). Is the server running, and is the URL right?"
        case .notOllama(let url, let detail):
            "\(url) does not look like an Ollama server (\(detail))"
        case .modelNotGiven(let available):
            available.isEmpty
                ? "no --model given and the server lists no models (ollama pull one first)"
                : "no --model given and the server lists several: \(available.joined(separator: ", "))"
        case .unknownModel(let model, let available):
            "model \"\(model)\" is not on the server"
                + (available.isEmpty ? " (it lists no models)" : "; it has: \(available.joined(separator: ", "))")
        }
    }
}
