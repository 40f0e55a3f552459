import Foundation

/// The first place two JSON values (as `JSONSerialization` reads them) differ: a dotted path
/// (`load.rate_per_s`, `requests.stop[1]`) and each side's value, written compactly.
struct JSONDifference: Equatable {
    var path: String
    var value: String
    var otherValue: String

    /// `nil` when the values are equal. Object members are visited in key order, so the
    /// difference named is the same on every run.
    static func first(_ a: Any?, _ b: Any?, path: String = "") -> JSONDifference? {
        switch (a, b) {
        case (let a as [String: Any], let b as [String: Any]):
            for key in Set(a.keys).union(b.keys).sorted() {
                if let found = first(a[key], b[key], path: path.isEmpty ? key : "\(path).\(key)") { return found }
            }
            return nil
        case (let a as [Any], let b as [Any]) where a.count == b.count:
            for (index, pair) in zip(a, b).enumerated() {
                if let found = first(pair.0, pair.1, path: "\(path)[\(index)]") { return found }
            }
            return nil
        default:
            let (left, right) = (text(a), text(b))
            return left == right
                ? nil : JSONDifference(path: path.isEmpty ? "(the whole value)" : path, value: left, otherValue: right)
        }
    }

    /// A value as JSON text, or `absent`.
    static func text(_ value: Any?) -> String {
        guard let value, !(value is NSNull) else { return "absent" }
        guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed])
        else { return "\(value)" }
        return String(decoding: data, as: UTF8.self)
    }
}
