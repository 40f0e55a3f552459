import ArgumentParser
import Foundation
import LLMLoadCore

extension APIKind: ExpressibleByArgument {}
extension LoadBalance: ExpressibleByArgument {}

/// The server `llmload run` loads, and how it gets in.
struct TargetOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            """
            The server: http(s)://host:port, an OpenAI base URL ending in /v1, or a full endpoint \
            (/api/generate, /api/chat, /v1/chat/completions, /v1/completions). Default: $OLLAMA_HOST \
            or http://127.0.0.1:11434. Repeat it for replicas of one server (same API and model, \
            checked before the load): requests are spread over them (--balance), never re-routed, \
            and every figure is also given per target; --server-metrics auto reads the first only.
            """,
            valueName: "url"),
        transform: { TargetURLArgument($0) }
    )
    var url: [TargetURLArgument] = []

    @Option(
        help: """
            How requests are spread over several --url replicas: round-robin (request i to replica \
            i mod N), or least-in-flight (to the replica with the fewest requests in flight).
            """)
    var balance: LoadBalance?

    @Flag(help: "Start the built-in simulator on a free loopback port and target it.")
    var simulate = false

    @Option(help: "The API to use (default: from the URL's path, else detected from the server).")
    var api: APIKind?

    @Option(help: "API key sent as 'Authorization: Bearer …' (default: $OPENAI_API_KEY). Never written anywhere.")
    var apiKey: String?

    @Flag(help: "Do not verify TLS certificates of an https:// target (stated in the results).")
    var insecure = false

    @Option(name: .shortAndLong, help: "The model (default: the only model the server lists).")
    var model: String?

    @Flag(
        help: """
            Stop before any load when the pre-flight check warns (more users than the server's \
            slots, prompts longer than its context, a model not loaded).
            """)
    var strictPreflight = false

    func validate() throws {
        if simulate && !url.isEmpty { throw ValidationError("--simulate and --url exclude each other") }
        for (position, given) in url.enumerated() {
            if case .unusable(let message) = given {
                throw ValidationError(url.count > 1 ? "--url \(position + 1) of \(url.count): \(message)" : message)
            }
        }
        let bases = url.compactMap(\.parsed).map(\.baseURL)
        if let twice = bases.enumerated().first(where: { bases.prefix($0.offset).contains($0.element) }) {
            throw ValidationError("--url \(twice.element) is given twice: each replica once")
        }
        let apis = Set(url.compactMap(\.parsed).compactMap(\.api))
        if apis.count > 1 {
            throw ValidationError(
                "the --url replicas name different APIs (\(apis.map(\.rawValue).sorted().joined(separator: ", "))): replicas serve one API"
            )
        }
        if balance != nil && url.count < 2 { throw ValidationError("--balance needs two or more --url replicas") }
        if let model, model.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--model must not be empty")
        }
        if let apiKey, apiKey.isEmpty { throw ValidationError("--api-key must not be empty") }
        // A key with a control character (the `\r` of a CRLF `.env` file) cannot be sent as a
        // header, and the HTTP library's error would echo it: refuse it here, without showing it.
        let key = self.apiKey(environment: ProcessInfo.processInfo.environment)
        if let key, key.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw ValidationError(
                "\(apiKey != nil ? "--api-key" : "$OPENAI_API_KEY") contains a control character (a line end from a CRLF .env file?): remove it (the key is not shown)"
            )
        }
    }

    /// `--api-key`, else `$OPENAI_API_KEY` unless it is empty.
    func apiKey(environment: [String: String]) -> String? {
        apiKey ?? environment["OPENAI_API_KEY"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The run's target.
    /// - Parameters:
    ///   - simulatorURL: the in-process simulator's URL, which replaces `--url` when given.
    ///   - simulatedModel: the model the simulator serves (the default with `--simulate`).
    /// - Throws: a `ValidationError` when `$OLLAMA_HOST`, the default target, is not a URL.
    func configuration(
        simulatorURL: String?, simulatedModel: String, environment: [String: String]
    ) throws -> RunConfiguration.Target {
        let parsed: TargetURL.Parsed
        var replicas: [String] = []
        switch (simulatorURL, url.first) {
        case (let simulatorURL?, _): parsed = try TargetURL.parse(simulatorURL)
        case (nil, .parsed(let given)?):
            parsed = given
            for other in url.dropFirst() {
                switch other {
                case .parsed(let replica): replicas.append(replica.baseURL)
                case .unusable(let message): throw ValidationError(message)
                }
            }
        case (nil, .unusable(let message)?): throw ValidationError(message)
        case (nil, nil):
            do {
                parsed = try TargetURL.parse(TargetURL.defaultTarget(environment: environment))
            } catch ConfigurationError.badURL(let text, let reason) {
                throw ValidationError("$OLLAMA_HOST (the target without --url) \"\(text)\": \(reason)")
            }
        }
        var target = RunConfiguration.Target(
            baseURL: parsed.baseURL,
            api: api ?? parsed.api,
            model: simulate ? (model ?? simulatedModel) : model,
            isSimulated: simulate,
            apiKey: apiKey(environment: environment),
            isInsecure: insecure
        )
        target.replicaURLs = replicas
        target.balance = balance ?? .roundRobin
        return target
    }
}

/// `--url`, read once, when the command line is parsed. A URL that cannot be used is kept with
/// its reason and refused by ``TargetOptions/validate()`` rather than thrown from the parse:
/// ArgumentParser's message for a bad value quotes the value, and a URL's `user:password@` must
/// never be shown (``TargetURL``'s own messages hide it).
enum TargetURLArgument: Sendable, Equatable {
    case parsed(TargetURL.Parsed)
    /// Why the URL cannot be used, without its credentials.
    case unusable(String)

    init(_ text: String) {
        do {
            self = .parsed(try TargetURL.parse(text))
        } catch {
            self = .unusable("\(error)")
        }
    }

    /// The URL, when it can be used.
    var parsed: TargetURL.Parsed? {
        if case .parsed(let parsed) = self { parsed } else { nil }
    }
}
