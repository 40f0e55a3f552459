/// Why run folders cannot be merged into one run: they are not shards of one load, or not
/// all of them. Each says which folders, which index or which setting.
public enum ShardMergeError: Error, Equatable, CustomStringConvertible {
    /// The run was not one shard of a load (no `--shard`), or is already a merge.
    case notAShard(folder: String)
    /// Two folders hold shards of different loads (their `--start-at`, and so run id, differ).
    case differentRuns(folder: String, runID: String, otherFolder: String, otherRunID: String)
    /// Two folders were split into different numbers of shards.
    case differentCounts(folder: String, part: String, otherFolder: String, otherPart: String)
    /// One shard index given more than once.
    case doubled(part: String, folders: [String])
    /// Shard indices of the load that no folder holds.
    case missing(indices: [Int], count: Int, given: [Int])
    /// Two shards were set up differently beyond their index: `field` is the first setting
    /// (a `config.json` path) that differs.
    case differentConfiguration(
        field: String, shard: Int, folder: String, value: String, otherShard: Int,
        otherFolder: String, otherValue: String)

    public var description: String {
        switch self {
        case .notAShard(let folder):
            "\(folder) is not a shard: its run_description.load has no shard (it was run without --shard, or is "
                + "a merge already); `llmload merge` puts together the folders of `llmload run --shard i/N`"
        case .differentRuns(let folder, let runID, let otherFolder, let otherRunID):
            "\(folder) and \(otherFolder) are shards of different runs (run id \(runID) and \(otherRunID)): "
                + "the shards of one load share the same --start-at"
        case .differentCounts(let folder, let part, let otherFolder, let otherPart):
            "\(folder) is shard \(part) but \(otherFolder) is shard \(otherPart): the shards of one load share N"
        case .doubled(let part, let folders):
            "shard \(part) is given more than once: \(folders.joined(separator: " and "))"
        case .missing(let indices, let count, let given):
            (indices.count == 1
                ? "shard \(indices[0])/\(count) is"
                : "shards "
                    + indices.map { "\($0)/\(count)" }.joined(separator: ", ") + " are")
                + " missing (given: \(given.map(String.init).joined(separator: ", "))): merge every shard of the load"
        case .differentConfiguration(
            let field, let shard, let folder, let value, let otherShard, let otherFolder,
            let otherValue):
            "shard \(shard) (\(folder)) and shard \(otherShard) (\(otherFolder)) were set up differently: \(field) "
                + "is \(value) in one and \(otherValue) in the other"
        }
    }
}
