import Foundation

/// A model Ollama holds in memory, as `GET /api/ps` lists it.
public struct OllamaRunningModel: Sendable, Equatable {
    public var name: String
    /// Bytes the loaded model takes, and how many of them are in GPU memory: fewer means the
    /// rest runs on the CPU.
    public var sizeBytes: Int
    public var vramBytes: Int
    /// When `keep_alive` unloads it (RFC 3339, as Ollama writes it).
    public var expiresAt: String?
    /// The context it was loaded with (newer versions only).
    public var contextLength: Int?

    public init(name: String, sizeBytes: Int, vramBytes: Int, expiresAt: String? = nil, contextLength: Int? = nil) {
        self.name = name
        self.sizeBytes = sizeBytes
        self.vramBytes = vramBytes
        self.expiresAt = expiresAt
        self.contextLength = contextLength
    }

    /// The models of a `/api/ps` answer; `nil` when it has no model list.
    public static func list(json data: Data) -> [OllamaRunningModel]? {
        guard let models = JSONObject(JSONObject.parse(data))?.array("models") else { return nil }
        return models.compactMap(JSONObject.init).compactMap { model in
            guard let name = model.string("name") ?? model.string("model") else { return nil }
            return OllamaRunningModel(
                name: name, sizeBytes: model.int("size") ?? 0, vramBytes: model.int("size_vram") ?? 0,
                expiresAt: model.string("expires_at"), contextLength: model.int("context_length"))
        }
    }

    /// Whether this is `model` as the run names it (Ollama reads `name` as `name:latest`).
    public func isModel(_ model: String) -> Bool {
        name == model || name == model + ":latest"
    }
}

/// What `POST /api/show` says about a model's context.
public struct OllamaModelDetails: Sendable, Equatable {
    /// `general.architecture`, the prefix of the model's own keys.
    public var architecture: String?
    /// `<architecture>.context_length`: the longest context the model was trained for.
    public var trainedContextLength: Int?
    /// `num_ctx` of the Modelfile's `parameters`, when it sets one.
    public var contextParameter: Int?

    public init(architecture: String? = nil, trainedContextLength: Int? = nil, contextParameter: Int? = nil) {
        self.architecture = architecture
        self.trainedContextLength = trainedContextLength
        self.contextParameter = contextParameter
    }

    /// Reads a `/api/show` answer; `nil` when it is not a JSON object.
    public init?(json data: Data) {
        guard let show = JSONObject(JSONObject.parse(data)) else { return nil }
        let info = show["model_info"]
        let architecture = info?.string("general.architecture")
        // `parameters` is Modelfile text: one `name value` per line.
        var parameter: Int?
        for line in (show.string("parameters") ?? "").split(whereSeparator: \.isNewline) {
            let words = line.split(whereSeparator: \.isWhitespace)
            if words.count == 2, words[0] == "num_ctx" { parameter = Int(words[1]) }
        }
        self.init(
            architecture: architecture,
            trainedContextLength: architecture.flatMap { info?.int("\($0).context_length") },
            contextParameter: parameter)
    }
}
