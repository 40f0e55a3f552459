/// Why `llmload compare` cannot start.
public enum CompareError: Error, CustomStringConvertible, Equatable {
    case notAFolder(String)
    /// A folder with neither `summary.json` nor `sweep.json`.
    case notARunFolder(String)
    /// Run folders and sweep folders given together.
    case mixedFolders
    /// A sweep folder without a run folder inside.
    case emptySweep(String)
    /// Sweeps without an offered load that every one of them ran.
    case noCommonPoint
    case tooFewRuns(Int)

    public var description: String {
        switch self {
        case .notAFolder(let path): "\(path) is not a folder"
        case .notARunFolder(let path):
            "\(path) holds no summary.json: only run folders written by `llmload run` (and sweep folders, "
                + "with their sweep.json) can be compared"
        case .mixedFolders: "compare run folders with run folders, or sweep folders with sweep folders"
        case .emptySweep(let path): "\(path) has sweep.json but no run folder inside"
        case .noCommonPoint: "the sweeps have no offered load in common to compare"
        case .tooFewRuns(let count):
            "compare needs at least two run folders (got \(count)): llmload compare A B [C …]"
        }
    }
}
