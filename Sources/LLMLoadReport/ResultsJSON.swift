import Foundation
import LLMLoadMetrics

/// How every results file llmload writes as JSON (`summary.json`, `sweep.json`) is encoded and
/// read back: sorted keys, pretty-printed, snake_case, never a non-finite number.
enum ResultsJSON {
    static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        // Statistics are built never to be NaN or infinite; if one ever were, writing "NaN"
        // beats losing the whole file (the prototype's first crash).
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN"
        )
        return encoder
    }

    static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .custom { path in SnakeCaseKey(camelCaseOf: path.last!.stringValue) }
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN"
        )
        return decoder
    }

    /// The file's `schema_version`; `nil` when it is not a JSON object or has none (the decoder
    /// then says what is wrong where).
    static func schemaVersion(of data: Data) -> Int? {
        let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        return object?["schema_version"] as? Int
    }
}

/// A key of a results file read as the property it was written from (``SnakeCase``).
private struct SnakeCaseKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }

    init(camelCaseOf key: String) { stringValue = SnakeCase.camelCase(key) }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
