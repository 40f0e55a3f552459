import Foundation

/// Reads files under `/proc`, or under a folder shaped like it (test fixtures).
///
/// `/proc` files report a size of 0, so they are read to the end rather than by size. A file
/// that is missing or unreadable (another OS, a process that exited) reads as `nil`.
public struct ProcFiles: Sendable {
    public var root: String

    public init(root: String = "/proc") {
        self.root = root
    }

    /// The text of `root/relativePath`, or `nil`.
    public func read(_ relativePath: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: root + "/" + relativePath) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.readToEnd() else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// The process ids listed under `root` (its all-digit entries), ascending.
    public func processIDs() -> [Int32] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return names.compactMap { $0.allSatisfy(\.isNumber) ? Int32($0) : nil }.sorted()
    }
}
