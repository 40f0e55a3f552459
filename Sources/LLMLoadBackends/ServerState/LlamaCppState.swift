import Foundation

/// What llama.cpp's `llama-server` says about itself at `GET /props`.
public struct LlamaCppProps: Sendable, Equatable {
    /// Requests it generates for at once (`--parallel`); more wait in its queue.
    public var totalSlots: Int
    /// The context of one slot (`default_generation_settings.n_ctx`): the whole context
    /// divided among the slots.
    public var contextPerSlot: Int?
    /// `model_alias` (`--alias`, else the file's name).
    public var modelAlias: String?

    public init(totalSlots: Int, contextPerSlot: Int? = nil, modelAlias: String? = nil) {
        self.totalSlots = totalSlots
        self.contextPerSlot = contextPerSlot
        self.modelAlias = modelAlias
    }

    /// Reads a `/props` answer; `nil` when it has no `total_slots` (not llama.cpp).
    public init?(json data: Data) {
        guard let props = JSONObject(JSONObject.parse(data)), let slots = props.int("total_slots"), slots > 0 else {
            return nil
        }
        self.init(
            totalSlots: slots, contextPerSlot: props["default_generation_settings"]?.int("n_ctx"),
            modelAlias: props.string("model_alias"))
    }
}

/// llama.cpp's `GET /slots` (served unless `--no-slots`): one object per slot.
public struct LlamaCppSlots: Sendable, Equatable {
    public var count: Int
    /// Slots processing a request at the moment of the answer.
    public var busy: Int

    public init(count: Int, busy: Int) {
        self.count = count
        self.busy = busy
    }

    /// Reads a `/slots` answer; `nil` when it is not a list of slots.
    public init?(json data: Data) {
        guard let list = JSONObject.parse(data) as? [Any] else { return nil }
        let slots = list.compactMap(JSONObject.init)
        guard slots.count == list.count, !slots.isEmpty, slots.allSatisfy({ $0.int("id") != nil }) else { return nil }
        self.init(count: slots.count, busy: slots.filter { $0.bool("is_processing") == true }.count)
    }
}

/// vLLM's context length as `GET /v1/models` lists it.
public enum ModelListContext {
    /// `max_model_len` of `model` in a `/v1/models` answer; `nil` when the model is not listed
    /// with one (llama.cpp, SGLang and hosted services list none).
    public static func maxModelLength(in data: Data, model: String) -> Int? {
        guard let list = JSONObject(JSONObject.parse(data))?.array("data") else { return nil }
        return list.compactMap(JSONObject.init).first { $0.string("id") == model }?.int("max_model_len")
    }
}
