import Foundation

/// A JSON object read loosely, for the servers' state endpoints: their answers vary between
/// versions, so fields are looked up one by one and a missing or mistyped one is `nil`.
struct JSONObject {
    let fields: [String: Any]

    init?(_ value: Any?) {
        guard let fields = value as? [String: Any] else { return nil }
        self.fields = fields
    }

    /// The top-level value of `data`, `nil` when it is not JSON.
    static func parse(_ data: Data) -> Any? {
        try? JSONSerialization.jsonObject(with: data)
    }

    subscript(key: String) -> JSONObject? { JSONObject(fields[key]) }

    func string(_ key: String) -> String? { fields[key] as? String }

    /// A whole number, written as an integer or as a float without a fraction.
    func int(_ key: String) -> Int? {
        if let value = fields[key] as? Int { return value }
        guard let value = fields[key] as? Double, value.rounded() == value, abs(value) < 9e15 else { return nil }
        return Int(value)
    }

    func bool(_ key: String) -> Bool? { fields[key] as? Bool }

    func array(_ key: String) -> [Any]? { fields[key] as? [Any] }
}
