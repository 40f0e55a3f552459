import Foundation
import LLMLoadMetrics

/// Writes a sweep folder's `sweep.json` (``SweepSummary`` encoded as `summary.json` is) and
/// `sweep.csv` (one row per point), and reads `sweep.json` back. Both files are documented in
/// `docs/results-schema.md`.
public enum SweepWriter {
    public static let jsonFile = "sweep.json"
    public static let csvFile = "sweep.csv"

    /// Writes `sweep.json` and `sweep.csv` into `folder`, each replaced whole (never half
    /// written), so the sweep can rewrite them after every point.
    /// - Throws: ``ReportError/writeFailed(file:reason:)``.
    public static func write(_ summary: SweepSummary, to folder: URL) throws {
        try write(try encode(summary), to: folder.appendingPathComponent(jsonFile))
        try write(Data(csv(summary).utf8), to: folder.appendingPathComponent(csvFile))
    }

    /// Reads `folder`'s `sweep.json`.
    /// - Throws: ``ReportError/unreadable(file:reason:)`` when it cannot be read, and as
    ///   ``decode(_:)`` does.
    public static func read(folder: URL) throws -> SweepSummary {
        let url = folder.appendingPathComponent(jsonFile)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ReportError.unreadable(file: url.path, reason: RunFolder.reason(error))
        }
        return try decode(data)
    }

    /// `sweep.json`'s bytes.
    public static func encode(_ summary: SweepSummary) throws -> Data {
        try ResultsJSON.makeEncoder().encode(summary)
    }

    /// Reads `sweep.json`'s bytes.
    /// - Throws: ``ReportError/unsupportedSchema(file:found:reason:)`` for a `schema_version`
    ///   other than this version's (a newer llmload wrote it), a `DecodingError` for a file that
    ///   is not a sweep.
    public static func decode(_ data: Data) throws -> SweepSummary {
        if let found = ResultsJSON.schemaVersion(of: data), found != SweepSummary.currentSchemaVersion {
            let reason =
                found > SweepSummary.currentSchemaVersion
                ? "this llmload reads schema \(SweepSummary.currentSchemaVersion); use a newer llmload"
                : "no llmload wrote that schema"
            throw ReportError.unsupportedSchema(file: jsonFile, found: found, reason: reason)
        }
        return try ResultsJSON.makeDecoder().decode(SweepSummary.self, from: data)
    }

    private static func write(_ data: Data, to url: URL) throws {
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw ReportError.writeFailed(file: url.lastPathComponent, reason: error.localizedDescription)
        }
    }
}
