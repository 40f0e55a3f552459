import CSV
import Foundation
import LLMLoadMetrics

/// Writes the `requests.csv` of a merged run: every shard's rows, shard after shard, each with
/// its shard's index in a `shard` column appended at the end (the request's `index` is its
/// number in the whole load already). Reads the rows' facts a merge needs on the way
/// (``RequestRowFacts``), so each file is read once, row by row.
enum RequestsCSVMerge {
    static let shardColumn = "shard"

    /// - Returns: the rows' facts; `nil` when a shard has no `requests.csv` (its rows are then
    ///   missing from the merged file, and the figures that need every row are left out).
    /// - Throws: ``ReportError`` when a file cannot be read or written, or its columns differ
    ///   from the first shard's.
    static func concatenate(_ shards: [(index: Int, folder: URL)], into url: URL) throws -> RequestRowFacts? {
        let file = BufferedFileWriter(url: url)
        let facts: RequestRowFacts?
        do {
            facts = try copy(shards, into: file)
        } catch {
            file.close()
            throw error
        }
        file.close()
        if let failure = file.failure { throw ReportError.writeFailed(file: url.lastPathComponent, reason: failure) }
        return facts
    }

    private static func copy(_ shards: [(index: Int, folder: URL)], into file: BufferedFileWriter) throws
        -> RequestRowFacts?
    {
        var facts: RequestRowFacts? = RequestRowFacts()
        var header: [String]?
        var row = CSVRowBuilder()
        for shard in shards {
            let source = shard.folder.appendingPathComponent("requests.csv")
            guard FileManager.default.fileExists(atPath: source.path) else {
                facts = nil
                continue
            }
            guard let stream = InputStream(url: source), let reader = try? CSVReader(stream: stream, hasHeaderRow: true)
            else { throw ReportError.unreadable(file: source.path, reason: "not a CSV file") }
            let columns = reader.headerRow ?? []
            if let header {
                guard columns == header else {
                    throw ReportError.unreadable(
                        file: source.path,
                        reason: "its columns differ from the first shard's (another llmload version?)")
                }
            } else {
                header = columns
                file.write(RequestsCSVWriter.line(columns + [shardColumn]))
            }
            let fields = Fields(columns)
            let index = String(shard.index)
            while let cells = reader.next() {
                row.removeAll()
                for cell in cells { row.plain(cell) }
                row.plain(index)
                row.endRow()
                file.write(row.bytes)
                if let parsed = fields.row(cells) { facts?.add(parsed) }
            }
        }
        return facts
    }

    /// Where the fields a merge reads stand in a row.
    private struct Fields {
        let phase, outcome, scheduled, sent, finished, ttft, e2e, prompt, promptSource, cached: Int?

        init(_ header: [String]) {
            func column(_ name: String) -> Int? { header.firstIndex(of: name) }
            phase = column("phase")
            outcome = column("outcome")
            scheduled = column("scheduled_ms")
            sent = column("sent_ms")
            finished = column("finished_ms")
            ttft = column(Metric.timeToFirstToken.column)
            e2e = column(Metric.endToEndLatency.column)
            prompt = column("prompt_tokens")
            promptSource = column("prompt_tokens_source")
            cached = column("cached_prompt_tokens")
        }

        func row(_ cells: [String]) -> RequestRowFacts.Row? {
            func cell(_ index: Int?) -> String? { index.flatMap { cells.indices.contains($0) ? cells[$0] : nil } }
            func number(_ index: Int?) -> Double? { cell(index).flatMap(Double.init) }
            guard let scheduledMs = number(scheduled), let finishedMs = number(finished) else { return nil }
            return RequestRowFacts.Row(
                isWarmup: cell(phase) == "warmup", isOK: cell(outcome) == "ok", scheduledMs: scheduledMs,
                sentMs: number(sent), finishedMs: finishedMs, ttftMs: number(ttft), e2eMs: number(e2e),
                serverPromptTokens: cell(promptSource) == "server" ? cell(prompt).flatMap { Int($0) } : nil,
                cachedPromptTokens: cell(cached).flatMap { Int($0) })
        }
    }
}
