import Foundation
import NIOCore
import NIOFoundationCompat

/// Reads a server's own state before the load, with plain GETs and `POST /api/show` only:
/// never a generation request. Each read either answers or says why it could not
/// (``Unavailable``); none throws, so a server without these endpoints still gets its load.
public enum ServerStateProbe {
    /// Why one read gave nothing: no such endpoint, another kind of server, no answer in time.
    public struct Unavailable: Error, Sendable, Equatable {
        public var reason: String

        public init(_ reason: String) {
            self.reason = reason
        }
    }

    public typealias Check<Value: Sendable> = Result<Value, Unavailable>

    /// What Ollama said: the models it holds in memory, and the run's model's details.
    public struct Ollama: Sendable {
        public var running: Check<[OllamaRunningModel]>
        public var details: Check<OllamaModelDetails>

        public init(running: Check<[OllamaRunningModel]>, details: Check<OllamaModelDetails>) {
            self.running = running
            self.details = details
        }
    }

    /// What an OpenAI-compatible server said: llama.cpp's `/props` and `/slots` (asked only
    /// when `/props` answered), else vLLM's `max_model_len` in `/v1/models`, else SGLang's
    /// `/get_server_info` or TGI's `/info`.
    public struct OpenAICompatible: Sendable {
        public var props: Check<LlamaCppProps>
        public var slots: Check<LlamaCppSlots>?
        public var maxModelLength: Check<Int>?
        /// Asked only when `/v1/models` gave no `max_model_len`.
        public var serverInfo: Check<ServerInfoContext>?

        public init(
            props: Check<LlamaCppProps>, slots: Check<LlamaCppSlots>? = nil, maxModelLength: Check<Int>? = nil,
            serverInfo: Check<ServerInfoContext>? = nil
        ) {
            self.props = props
            self.slots = slots
            self.maxModelLength = maxModelLength
            self.serverInfo = serverInfo
        }
    }

    /// Ollama's `GET /api/ps` and `POST /api/show`.
    public static func ollama(
        baseURL: String, model: String, headers: [(String, String)], using client: HTTPInferenceClient,
        timeout: Duration = .seconds(2)
    ) async -> Ollama {
        let exchange = Exchange(baseURL: baseURL, headers: headers, client: client, timeout: timeout)
        let running = await exchange.read("/api/ps") { OllamaRunningModel.list(json: $0) }
        let body = (try? JSONSerialization.data(withJSONObject: ["model": model])) ?? Data()
        let details = await exchange.read("/api/show", posting: body) { OllamaModelDetails(json: $0) }
        return Ollama(running: running, details: details)
    }

    /// llama.cpp's `GET /props` and `GET /slots` at the server's root, else `GET /v1/models`.
    public static func openAICompatible(
        baseURL: String, model: String, headers: [(String, String)], using client: HTTPInferenceClient,
        timeout: Duration = .seconds(2)
    ) async -> OpenAICompatible {
        let exchange = Exchange(baseURL: baseURL, headers: headers, client: client, timeout: timeout)
        let props = await exchange.read("/props") { LlamaCppProps(json: $0) }
        guard case .success = props else {
            let length = await exchange.read("/v1/models") { ModelListContext.maxModelLength(in: $0, model: model) }
            guard case .failure = length else { return OpenAICompatible(props: props, maxModelLength: length) }
            var info = await exchange.read("/get_server_info") { ServerInfoContext.sglang(json: $0) }
            if case .failure(let sglang) = info {
                info = await exchange.read("/info") { ServerInfoContext.tgi(json: $0) }
                if case .failure(let tgi) = info { info = .failure(Unavailable(sglang.reason + "; " + tgi.reason)) }
            }
            return OpenAICompatible(props: props, maxModelLength: length, serverInfo: info)
        }
        return OpenAICompatible(props: props, slots: await exchange.read("/slots") { LlamaCppSlots(json: $0) })
    }

    /// One server's plain exchanges, each turned into a value or the reason there is none.
    private struct Exchange {
        let baseURL: String
        let headers: [(String, String)]
        let client: HTTPInferenceClient
        let timeout: Duration

        func read<Value: Sendable>(
            _ path: String, posting body: Data? = nil, _ parse: (Data) -> Value?
        ) async -> Check<Value> {
            let request = (body == nil ? "GET " : "POST ") + path
            let answer: (status: Int, body: ByteBuffer)
            do {
                answer =
                    if let body {
                        try await client.post(
                            baseURL + path, json: ByteBuffer(data: body), headers: headers, timeout: timeout)
                    } else {
                        try await client.get(baseURL + path, headers: headers, timeout: timeout)
                    }
            } catch {
                return .failure(Unavailable("\(request): \(TransportFailure.describe(error))"))
            }
            guard answer.status == 200 else {
                return .failure(Unavailable("\(request) answered HTTP \(answer.status)"))
            }
            guard let value = parse(Data(buffer: answer.body)) else {
                return .failure(Unavailable("\(request) answered without the expected fields"))
            }
            return .success(value)
        }
    }
}
