import Foundation
import LLMLoadMetrics

/// Writes `summary.json`: sorted keys, pretty-printed, snake_case, never a non-finite number.
public enum SummaryWriter {
    public static func encode(_ summary: RunSummary) throws -> Data {
        try ResultsJSON.makeEncoder().encode(summary)
    }

    /// Reads `summary.json` of the current schema, or of schema 1 with its folder's `config.json`.
    /// - Parameter configuration: `config.json`'s bytes; needed only for a schema-1 summary.
    /// - Throws: ``ReportError/unsupportedSchema(file:found:reason:)`` for a schema this
    ///   version cannot read, a `DecodingError` for a file that is not a summary.
    public static func decode(_ data: Data, configuration: Data? = nil) throws -> RunSummary {
        var current = data
        switch ResultsJSON.schemaVersion(of: data) {
        case RunSummary.currentSchemaVersion?, nil:
            // nil: not even a JSON object, or no version; the decoder says what is wrong where.
            break
        case SchemaVersion1.version?:
            let config = configuration.flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            let upgraded = try SchemaVersion1.upgrade(summary: object ?? [:], configuration: config)
            current = try JSONSerialization.data(withJSONObject: upgraded)
        case let found?:
            throw ReportError.unsupportedSchema(
                file: "summary.json", found: found,
                reason: "this llmload reads schemas 1 to \(RunSummary.currentSchemaVersion); use a newer llmload")
        }
        return try ResultsJSON.makeDecoder().decode(RunSummary.self, from: current)
    }

    public static func write(_ summary: RunSummary, to url: URL) throws {
        do {
            try encode(summary).write(to: url, options: .atomic)
        } catch {
            throw ReportError.writeFailed(file: url.lastPathComponent, reason: error.localizedDescription)
        }
    }
}
