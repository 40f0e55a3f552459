import Foundation

/// A file holding one fuzz input, for parsers that read a path: a fresh name for every input,
/// so checks running side by side (the replay tests run in parallel) never share one, and
/// removed once the parser is done.
enum ScratchFile {
    /// Writes `bytes` to a new file ending in `.<fileExtension>` and passes its path to `body`.
    static func with<Result>(
        _ bytes: [UInt8],
        fileExtension: String,
        _ body: (String) throws(FuzzFinding) -> Result
    ) throws(FuzzFinding) -> Result {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "llmload-fuzz-\(UUID().uuidString).\(fileExtension)")
        do {
            try Data(bytes).write(to: url)
        } catch {
            // Not the parser's fault: the check cannot run. Say so rather than pass silently.
            throw FuzzFinding("cannot write the scratch file \(url.path): \(error)")
        }
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(url.path)
    }
}
