import Foundation

/// What `llmload compare` compares: the run folders it was given, or, given sweep folders
/// (`sweep.json` beside one run folder per point), each offered load that every sweep ran, its
/// points matched by their load pattern (`constant@10.00`, `concurrency@8`).
public struct ComparisonPlan: Sendable, Equatable {
    /// Folders compared together, the first the baseline.
    public struct Group: Sendable, Equatable {
        /// The load pattern of a sweep's point; `nil` for run folders.
        public var point: String?
        public var folders: [URL]
    }

    /// What a folder given to `compare` is.
    public enum Kind: Sendable, Equatable {
        case run
        case sweep
    }

    public var groups: [Group]
    /// Points not in every sweep, left out.
    public var unmatched: [String]

    /// The plan for `folders`, all run folders or all sweep folders.
    /// - Throws: ``CompareError`` for a folder of neither kind, a mix, or sweeps with no point in
    ///   common; ``ReportError`` for a point whose summary cannot be read.
    public static func make(folders: [URL]) throws -> ComparisonPlan {
        let kinds = try folders.map(kind)
        guard Set(kinds).count == 1 else { throw CompareError.mixedFolders }
        guard kinds.first == .sweep else { return ComparisonPlan(groups: [Group(folders: folders)], unmatched: []) }
        let sweeps = try folders.map(points)
        let patterns = sweeps[0].map(\.pattern)
        let common = patterns.filter { pattern in sweeps.allSatisfy { $0.contains { $0.pattern == pattern } } }
        guard !common.isEmpty else { throw CompareError.noCommonPoint }
        let unmatched = Set(sweeps.flatMap { $0.map(\.pattern) }).subtracting(common).sorted()
        let groups = common.map { pattern in
            Group(point: pattern, folders: sweeps.map { sweep in sweep.first { $0.pattern == pattern }!.folder })
        }
        return ComparisonPlan(groups: groups, unmatched: unmatched)
    }

    /// Whether `folder` is a run folder (it has `summary.json`) or a sweep folder (`sweep.json`).
    /// - Throws: ``CompareError`` when it is neither, or not a folder.
    public static func kind(of folder: URL) throws -> Kind {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw CompareError.notAFolder(folder.path)
        }
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent("summary.json").path) { return .run }
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent("sweep.json").path) { return .sweep }
        throw CompareError.notARunFolder(folder.path)
    }

    /// A sweep's run folders, in name order, with each one's load pattern from its summary.
    static func points(_ sweep: URL) throws -> [(pattern: String, folder: URL)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: sweep.path)) ?? []
        let points = try names.sorted().compactMap { name -> (String, URL)? in
            let folder = sweep.appendingPathComponent(name)
            guard (try? kind(of: folder)) == .run else { return nil }
            return (try ReportInput.readSummary(folder).runDescription.load.pattern, folder)
        }
        guard !points.isEmpty else { throw CompareError.emptySweep(sweep.path) }
        return points
    }
}
