import Foundation
import LLMLoadCore
import LLMLoadMetrics

/// `llmload merge`: the run folders of every shard of one load (`llmload run --shard i/N
/// --start-at T`) made into one run folder, as one process sending the whole load would have
/// written it, so `llmload report` and `llmload compare` read it as any run.
///
/// The merged folder holds `summary.json` (``RunSummary/init(mergingShards:rows:runDescription:)``,
/// with a `merge` section for each shard's start skew and resources), `config.json`,
/// `requests.csv` (every shard's rows, with a `shard` column), `timeseries.csv`,
/// `responses.jsonl` and `responses.txt` (the shards' files one after the other),
/// `server_metrics.jsonl` (the first shard's that has one) and `report.html`.
public enum RunMerge {
    /// - Parameters:
    ///   - folders: the shards' run folders, in any order.
    ///   - output: the merged run's folder, made if missing; it must not hold a run already.
    ///   - commandLine: the merge's own command line, for `config.json`.
    /// - Throws: ``ShardMergeError`` when the folders are not every shard of one load, once
    ///   each, set up alike (before anything is written); ``ReportError`` when a file cannot
    ///   be read or written.
    public static func merge(
        folders: [URL], into output: URL, commandLine: [String], language: ReportLanguage
    ) throws -> (summary: RunSummary, folder: URL) {
        for folder in folders
        where !FileManager.default.fileExists(atPath: folder.appendingPathComponent("summary.json").path) {
            throw ReportError.unreadable(
                file: folder.path,
                reason: "it is not a run folder (no summary.json): give the folders `llmload run --shard` made, "
                    + "such as results/shard-0/<date>-<model>")
        }
        let runs = try folders.map { (folder: $0.path, summary: try ReportInput.readSummary($0)) }
        let set = try ShardSet(checking: runs)
        try prepare(output)
        let shardFolders = set.shards.map {
            (index: $0.summary.runDescription.load.shard?.index ?? 0, folder: URL(fileURLWithPath: $0.folder))
        }
        let rows = try RequestsCSVMerge.concatenate(shardFolders, into: output.appendingPathComponent("requests.csv"))
        for name in ["responses.jsonl", "responses.txt"] {
            try concatenate(
                shardFolders.map { $0.folder.appendingPathComponent(name) }, into: output.appendingPathComponent(name))
        }
        if let scraped = set.shards.first(where: { $0.summary.serverMetrics != nil }) {
            let source = URL(fileURLWithPath: scraped.folder).appendingPathComponent(ServerMetricsWriter.fileName)
            try concatenate([source], into: output.appendingPathComponent(ServerMetricsWriter.fileName))
        }
        var description = set.shards[0].summary.runDescription
        description.load.shard = nil
        description.output.folder = output.path
        description.commandLine = commandLine
        let summary = RunSummary(mergingShards: set.shards, rows: rows, runDescription: description)
        do {
            try description.encoded().write(to: output.appendingPathComponent("config.json"), options: .atomic)
        } catch {
            throw ReportError.writeFailed(file: "config.json", reason: error.localizedDescription)
        }
        if let failure = TimeSeriesCSVWriter.write(
            summary.timeseries, resources: summary.resources, serverMetrics: summary.serverMetrics,
            to: output.appendingPathComponent("timeseries.csv"))
        {
            throw ReportError.writeFailed(file: "timeseries.csv", reason: failure)
        }
        try SummaryWriter.write(summary, to: output.appendingPathComponent("summary.json"))
        try ReportRenderer.render(folder: output, language: language, summary: summary)
        return (summary, output)
    }

    /// Makes `output`, refusing one that holds a run already: a merge never overwrites a run.
    static func prepare(_ output: URL) throws {
        if FileManager.default.fileExists(atPath: output.appendingPathComponent("summary.json").path) {
            throw ReportError.unwritable(
                path: output.path, reason: "it holds a run already (summary.json); merge into a new folder")
        }
        do {
            try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        } catch {
            throw ReportError.unwritable(path: output.path, reason: RunFolder.reason(error))
        }
    }

    /// `sources` that exist, one after the other, into `url`, each ending in a newline; no file
    /// is made when none exists. Copied in blocks, so memory does not grow with the files.
    static func concatenate(_ sources: [URL], into url: URL) throws {
        let present = sources.filter { FileManager.default.fileExists(atPath: $0.path) }
        guard !present.isEmpty else { return }
        let file = BufferedFileWriter(url: url)
        for source in present {
            guard let handle = FileHandle(forReadingAtPath: source.path) else {
                file.close()
                throw ReportError.unreadable(file: source.path, reason: "cannot open it")
            }
            var last: UInt8?
            while let block = try? handle.read(upToCount: 1 << 20), !block.isEmpty {
                file.write([UInt8](block))
                last = block.last
            }
            try? handle.close()
            if let last, last != UInt8(ascii: "\n") { file.write("\n") }
        }
        file.close()
        if let failure = file.failure { throw ReportError.writeFailed(file: url.lastPathComponent, reason: failure) }
    }
}
