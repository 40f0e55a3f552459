import CSV
import Foundation
import LLMLoadMetrics

/// One run folder as `llmload compare` reads it: its summary (which embeds what was run) and,
/// from `requests.csv`, each per-request metric's values over the measured, successful
/// requests — the population of the summary's distributions — sorted for the bootstrap.
public struct ComparedRun: Sendable {
    public var folder: URL
    public var summary: RunSummary
    /// Values by ``Metric/id``, ascending, for the metrics whose CSV column holds the
    /// distribution's values (``Metric/hasOneValuePerRequest``); empty without `requests.csv`.
    public var samples: [String: [Double]]

    public init(folder: URL, summary: RunSummary, samples: [String: [Double]]) {
        self.folder = folder
        self.summary = summary
        self.samples = samples
    }

    /// The metrics a confidence interval is drawn for: those compared by percentile whose CSV
    /// column holds the distribution's values.
    public static let sampledMetrics = RunComparison.percentileMetrics.filter(\.hasOneValuePerRequest)

    /// Reads a run folder.
    /// - Throws: ``CompareError`` when `folder` is not a run folder; ``ReportError`` when its
    ///   `summary.json` cannot be read or has a newer schema.
    public static func load(folder: URL) throws -> ComparedRun {
        guard try ComparisonPlan.kind(of: folder) == .run else { throw CompareError.notARunFolder(folder.path) }
        let summary = try ReportInput.readSummary(folder)
        let samples = try readSamples(folder.appendingPathComponent("requests.csv"))
        return ComparedRun(folder: folder, summary: summary, samples: samples)
    }

    /// The sampled metrics' values of the measured, successful rows, each sorted; `[:]` when
    /// the file is missing (a run whose CSV writer failed still compares, without intervals).
    static func readSamples(_ url: URL) throws -> [String: [Double]] {
        guard FileManager.default.fileExists(atPath: url.path) else { return [:] }
        guard let stream = InputStream(url: url) else {
            throw ReportError.unreadable(file: url.path, reason: "cannot open it")
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(stream: stream, hasHeaderRow: true)
        } catch {
            throw ReportError.unreadable(file: url.path, reason: "\(error)")
        }
        let header = reader.headerRow ?? []
        func column(_ name: String) -> Int? { header.firstIndex(of: name) }
        guard let phase = column("phase"), let outcome = column("outcome") else {
            throw ReportError.unreadable(file: url.path, reason: "no phase or outcome column")
        }
        // Looked up once: a name per row and column would cost a dictionary per row.
        let columns = sampledMetrics.compactMap { metric in column(metric.column).map { (metric.id, $0) } }
        var values = [[Double]](repeating: [], count: columns.count)
        while let row = reader.next() {
            guard row.count == header.count, row[phase] == "measure", row[outcome] == "ok" else { continue }
            for (slot, (_, index)) in columns.enumerated() {
                if let value = Double(row[index]), value.isFinite { values[slot].append(value) }
            }
        }
        var samples: [String: [Double]] = [:]
        for (slot, (id, _)) in columns.enumerated() { samples[id] = values[slot].sorted() }
        return samples
    }
}
