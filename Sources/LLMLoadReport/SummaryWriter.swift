import Foundation
import LLMLoadMetrics

/// Writes `summary.json`: sorted keys, pretty-printed, snake_case, never a non-finite number.
public enum SummaryWriter {
    public static func encode(_ summary: RunSummary) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        // Statistics are built never to be NaN or infinite; if one ever were, writing "NaN"
        // beats losing the whole file (the prototype's first crash).
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN"
        )
        return try encoder.encode(summary)
    }

    public static func decode(_ data: Data) throws -> RunSummary {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .custom { path in SnakeCaseKey(camelCaseOf: path.last!.stringValue) }
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN"
        )
        return try decoder.decode(RunSummary.self, from: data)
    }

    public static func write(_ summary: RunSummary, to url: URL) throws {
        do {
            try encode(summary).write(to: url, options: .atomic)
        } catch {
            throw ReportError.writeFailed(file: url.lastPathComponent, reason: error.localizedDescription)
        }
    }
}

/// The inverse of `convertToSnakeCase` for our keys, including `p99_9`: an underscore before a
/// digit is kept, because `convertToSnakeCase` never inserts one there.
private struct SnakeCaseKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }

    init(camelCaseOf key: String) {
        let parts = key.split(separator: "_", omittingEmptySubsequences: false)
        var result = String(parts.first ?? "")
        for part in parts.dropFirst() {
            if let first = part.first, first.isLetter {
                result += first.uppercased() + part.dropFirst()
            } else {
                result += "_" + part
            }
        }
        stringValue = result
    }

    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
