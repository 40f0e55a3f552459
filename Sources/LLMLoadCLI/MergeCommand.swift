import ArgumentParser
import Foundation
import LLMLoadCore
import LLMLoadMetrics
import LLMLoadReport

/// `llmload merge DIR… --output DIR`: the run folders of every shard of one load made into one
/// run folder, exactly as one process sending the whole load would have written it.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the run folders of a load's shards (run --shard i/N) into one run folder.",
        discussion: """
            Checks that the folders are every shard of one load, once each: the same run id \
            (the same --start-at), the same N, no index missing or given twice, and the same \
            settings apart from the index; refuses otherwise, naming the folder, index or \
            setting, before it writes anything. Then adds the shards' HDR histograms, counts, \
            outcome and error tallies and token totals, so every percentile is that of one \
            histogram holding every request (exact within its 3 significant digits); recomputes \
            the rates over the common window and each second of the time series from every \
            shard's requests (all shards count time from the common start); keeps every shard's \
            resource samples, in total and per shard; concatenates requests.csv (with a shard \
            column) and the responses; and writes summary.json (with each shard's start skew \
            under merge.shards), config.json, timeseries.csv and report.html into --output, \
            which `llmload report` and `llmload compare` read as any run folder.

            Exit status: 0 merged; 1 the folders are not the shards of one load, a file could \
            not be read or written, or --output holds a run already.

            Examples:
              llmload merge results/shard-*/* --output results/merged
              llmload compare results/merged results/single-process
            """
    )

    @Argument(help: "The run folders of every shard (`llmload run --shard i/N --start-at T`), in any order.")
    var folders: [String]

    @Option(help: "Folder to write the merged run into (made if missing; must not hold a run).")
    var output: String

    @Option(help: "Language of report.html: en or zh. Default: from the locale (LANG).")
    var lang: ReportLanguage?

    func run() throws {
        let result: (summary: RunSummary, folder: URL)
        do {
            result = try RunMerge.merge(
                folders: folders.map { URL(fileURLWithPath: $0) }, into: URL(fileURLWithPath: output),
                commandLine: CommandLine.arguments, language: lang ?? .fromEnvironment())
        } catch {
            StandardError.write(TerminalText.escaped("llmload: cannot merge: \(error)") + "\n")
            throw ExitCode(1)
        }
        print(TerminalText.escaped(Self.shardLines(result.summary).joined(separator: "\n")))
        if let leftOut = result.summary.merge?.notMerged {
            print(
                "Not merged: \(leftOut.joined(separator: ", ")) (percentile tables without histograms, so they cannot "
                    + "be added exactly); each shard's summary.json keeps its own")
        }
        print("Merged run written to \(result.folder.path)")
    }

    /// One line per shard: its start skew, requests and window, and the totals.
    static func shardLines(_ summary: RunSummary) -> [String] {
        guard let merge = summary.merge else { return [] }
        var lines = ["Merged \(merge.shardCount) shards of run \(merge.runId), started at \(merge.startAt):"]
        for shard in merge.shards {
            let skew = shard.startLateMs.map { String(format: "%.1f ms", $0) } ?? "unknown"
            lines.append(
                "  shard \(shard.index)/\(merge.shardCount) on \(shard.hostname): start skew \(skew), "
                    + "\(shard.requests) requests, window \(String(format: "%.2f", shard.windowS)) s, \(shard.stopReason)"
            )
        }
        let rate = summary.throughput.requestsPerS.map { String(format: "%.2f", $0) } ?? "-"
        lines.append(
            "  total: \(summary.requests.total) requests, \(summary.requests.byOutcome["ok", default: 0]) ok, "
                + "window \(String(format: "%.2f", summary.run.windowS)) s, \(rate) successful requests/s")
        return lines
    }
}
