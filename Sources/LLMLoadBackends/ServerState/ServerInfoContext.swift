import Foundation

/// The context length SGLang and TGI state at their own info endpoints, for servers whose
/// `/v1/models` lists no `max_model_len`.
public struct ServerInfoContext: Sendable, Equatable {
    /// Tokens a request may hold, prompt and answer together.
    public var tokens: Int
    /// Where it was read, as the pre-flight line names it (`context_length (SGLang GET /get_server_info)`).
    public var source: String

    public init(tokens: Int, source: String) {
        self.tokens = tokens
        self.source = source
    }

    /// SGLang's `GET /get_server_info`: its `context_length` (the server argument; `null`
    /// unless set, then the model's own is not stated), at the top level or in its first
    /// `internal_states` entry. `nil` when neither holds a positive whole number.
    public static func sglang(json data: Data) -> ServerInfoContext? {
        guard let info = JSONObject(JSONObject.parse(data)) else { return nil }
        let states = info.array("internal_states")?.first.flatMap(JSONObject.init)
        guard let length = info.int("context_length") ?? states?.int("context_length"), length > 0 else {
            return nil
        }
        return ServerInfoContext(tokens: length, source: "context_length (SGLang GET /get_server_info)")
    }

    /// TGI's `GET /info`: `max_total_tokens` (prompt and answer together). `nil` without it.
    public static func tgi(json data: Data) -> ServerInfoContext? {
        guard let info = JSONObject(JSONObject.parse(data)), let total = info.int("max_total_tokens"), total > 0
        else { return nil }
        return ServerInfoContext(tokens: total, source: "max_total_tokens (TGI GET /info)")
    }
}
