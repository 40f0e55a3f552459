import Foundation
import LLMLoadCore

/// The shards of one load, checked to belong together, in shard order: what
/// ``RunSummary/init(mergingShards:rows:runDescription:)`` merges.
public struct ShardSet: Sendable {
    /// Each shard's folder (as given) and summary, by shard index.
    public let shards: [(folder: String, summary: RunSummary)]

    /// Checks that the runs are every shard of one load, once each, set up alike.
    /// - Throws: the first problem found, naming the folders, indices or setting.
    public init(checking runs: [(folder: String, summary: RunSummary)]) throws(ShardMergeError) {
        var parts: [(folder: String, summary: RunSummary, part: RunDescription.Load.ShardPart)] = []
        for run in runs {
            guard let part = run.summary.runDescription.load.shard else { throw .notAShard(folder: run.folder) }
            parts.append((run.folder, run.summary, part))
        }
        guard let first = parts.first else { throw .missing(indices: [], count: 0, given: []) }
        for other in parts.dropFirst() {
            if other.part.runId != first.part.runId {
                throw .differentRuns(
                    folder: first.folder, runID: first.part.runId, otherFolder: other.folder,
                    otherRunID: other.part.runId)
            }
            if other.part.count != first.part.count {
                throw .differentCounts(
                    folder: first.folder, part: "\(first.part.index)/\(first.part.count)", otherFolder: other.folder,
                    otherPart: "\(other.part.index)/\(other.part.count)")
            }
        }
        let byIndex = Dictionary(grouping: parts) { $0.part.index }
        if let doubled = byIndex.filter({ $0.value.count > 1 }).min(by: { $0.key < $1.key }) {
            throw .doubled(part: "\(doubled.key)/\(first.part.count)", folders: doubled.value.map { $0.folder })
        }
        let missing = (0..<first.part.count).filter { byIndex[$0] == nil }
        if !missing.isEmpty { throw .missing(indices: missing, count: first.part.count, given: byIndex.keys.sorted()) }
        let ordered = parts.sorted { $0.part.index < $1.part.index }
        let reference = Self.settings(ordered[0].summary.runDescription)
        for other in ordered.dropFirst() {
            if let difference = JSONDifference.first(reference, Self.settings(other.summary.runDescription)) {
                throw .differentConfiguration(
                    field: difference.path, shard: ordered[0].part.index, folder: ordered[0].folder,
                    value: difference.value, otherShard: other.part.index, otherFolder: other.folder,
                    otherValue: difference.otherValue)
            }
        }
        shards = ordered.map { ($0.folder, $0.summary) }
    }

    /// What must be the same in every shard: the description without what differs between
    /// processes by nature (shard index, command line, output folder, host, pre-flight
    /// findings, the monitor's process id, the time calibration took), as `config.json` keys.
    static func settings(_ description: RunDescription) -> Any? {
        var settings = description
        settings.load.shard?.index = 0
        settings.commandLine = []
        settings.output.folder = ""
        settings.host = HostFacts(hostname: "", os: "", kernel: "", cpuModel: nil, cpuCount: 0, memoryBytes: 0)
        settings.preflight = nil
        settings.monitor = nil
        settings.inputCalibration?.seconds = 0
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(settings)).flatMap { try? JSONSerialization.jsonObject(with: $0) }
    }
}
