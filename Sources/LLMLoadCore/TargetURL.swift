import Foundation

/// Parses and checks the `--url` a user gives, before anything is sent.
public enum TargetURL {
    /// A base URL (scheme, host, port, optional prefix) and, when the URL named an API path
    /// such as `/api/generate`, that API.
    public struct Parsed: Sendable, Equatable {
        public var baseURL: String
        public var api: APIKind?
    }

    /// `text` with the `user:password@` of its authority replaced by `(credentials removed)@`.
    static func hidingCredentials(_ text: String) -> String {
        let authorityStart = text.range(of: "://")?.upperBound ?? text.startIndex
        let authorityEnd = text[authorityStart...].firstIndex { "/?#".contains($0) } ?? text.endIndex
        guard let at = text[authorityStart..<authorityEnd].lastIndex(of: "@") else { return text }
        return text.replacingCharacters(in: authorityStart..<at, with: "(credentials removed)")
    }

    /// Accepts `http://host:port`, `https://…`, `host:port` (as Ollama's `OLLAMA_HOST` does:
    /// `http` is assumed), full endpoint URLs like `http://host:11434/api/chat` or
    /// `http://host:8000/v1/completions`, and OpenAI base URLs ending in `/v1`.
    /// - Throws: ``ConfigurationError/badURL(_:reason:)``.
    public static func parse(_ text: String) throws -> Parsed {
        let components = try checkedComponents(text)
        let text = hidingCredentials(text)
        let (scheme, host) = (components.scheme?.lowercased() ?? "http", components.connectionHost ?? "")
        guard components.query == nil, components.fragment == nil else {
            throw ConfigurationError.badURL(text, reason: "a query or fragment is not allowed")
        }
        var path = components.path
        while path.hasSuffix("/") { path.removeLast() }
        var api: APIKind?
        for kind in APIKind.allCases where path.hasSuffix(kind.path) {
            path.removeLast(kind.path.count)
            api = kind
            break
        }
        // An OpenAI base URL usually ends in /v1 (`http://host:8000/v1`): the API paths add it.
        if api == nil, path.hasSuffix("/v1") {
            path.removeLast(3)
            api = .openAIChat
        }
        let hostPart = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        let portPart = components.port.map { ":\($0)" } ?? ""
        return Parsed(baseURL: "\(scheme)://\(hostPart)\(portPart)\(path)", api: api)
    }

    /// Checks a URL llmload reads from besides the target (`--server-metrics URL`): http or
    /// https, a host, a valid port and no credentials, which would end up in every output. A
    /// query stays allowed (Prometheus' `/federate?match[]=…`).
    /// - Throws: ``ConfigurationError/badURL(_:reason:)``.
    public static func checkPlain(_ text: String) throws {
        guard text.contains("://") else {
            throw ConfigurationError.badURL(hidingCredentials(text), reason: "it must start with http:// or https://")
        }
        _ = try checkedComponents(text)
    }

    /// The checks every URL passes: a URL, http or https (assumed when no scheme is given), a
    /// host, a port in range, no credentials. Messages never show the credentials.
    private static func checkedComponents(_ text: String) throws -> URLComponents {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        // Every message shows the URL without its credentials, whichever check fails first.
        let text = hidingCredentials(text)
        guard !trimmed.isEmpty else { throw ConfigurationError.badURL(text, reason: "it is empty") }
        let withScheme = trimmed.contains("://") ? trimmed : "http://" + trimmed
        guard let components = URLComponents(string: withScheme) else {
            throw ConfigurationError.badURL(text, reason: "it is not a URL")
        }
        guard let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw ConfigurationError.badURL(text, reason: "the scheme must be http or https")
        }
        guard let host = components.connectionHost, !host.isEmpty else {
            throw ConfigurationError.badURL(text, reason: "it has no host")
        }
        if let port = components.port, !(1...65535).contains(port) {
            throw ConfigurationError.badURL(text, reason: "port \(port) is out of range")
        }
        guard components.user == nil, components.password == nil else {
            // Credentials in the URL would end up in every output; keys go in --api-key.
            throw ConfigurationError.badURL(
                "(credentials removed)", reason: "credentials in the URL are not supported; use --api-key")
        }
        return components
    }

    /// The default target when no `--url` is given: `OLLAMA_HOST` if set, as Ollama's own CLI
    /// reads it (a bind address of `0.0.0.0` means this machine), else `127.0.0.1:11434`.
    public static func defaultTarget(environment: [String: String]) -> String {
        guard var host = environment["OLLAMA_HOST"], !host.isEmpty else { return "http://127.0.0.1:11434" }
        host = host.replacingOccurrences(of: "0.0.0.0", with: "127.0.0.1")
        if !host.contains("://") && !host.contains(":") { host += ":11434" }
        return host
    }
}

/// A configuration a run cannot start with.
public enum ConfigurationError: Error, CustomStringConvertible, Equatable {
    case badURL(String, reason: String)
    case invalid(String)

    public var description: String {
        switch self {
        case .badURL(let url, let reason): "bad --url \"\(url)\": \(reason)"
        case .invalid(let message): message
        }
    }
}
