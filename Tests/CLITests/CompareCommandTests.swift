import ArgumentParser
import Foundation
import LLMLoadReport
import Testing

@testable import LLMLoadCLI

/// Parsing and validation only; the exit statuses of a real comparison are in the integration
/// tests (`CompareTests`).
@Suite struct CompareCommandTests {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("llmload-cmp-\(UUID().uuidString)")

    /// Two folders that look like run folders (validation looks for summary.json, nothing more).
    private func runFolders() throws -> [String] {
        try ["a", "b"].map { name in
            let folder = base.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data("{}".utf8).write(to: folder.appendingPathComponent("summary.json"))
            return folder.path
        }
    }

    /// ArgumentParser's message for `arguments`; `nil` when they parse.
    private func message(_ arguments: [String]) -> String? {
        guard case .failure(let error) = Result(catching: { try CompareCommand.parse(arguments) }) else { return nil }
        return CompareCommand.message(for: error)
    }

    @Test func parsesTheBoundsOnce() throws {
        defer { try? FileManager.default.removeItem(at: base) }
        let folders = try runFolders()
        let command = try CompareCommand.parse(folders + ["--fail-if-worse", "ttft.p99=10%,error_rate=0.01"])
        #expect(command.failIfWorse?.bounds.map(\.key) == ["ttft.p99", "error_rate"])
        #expect(command.output == ".")
    }

    @Test func aBadBoundIsAnOptionErrorNamingTheFigures() throws {
        defer { try? FileManager.default.removeItem(at: base) }
        let folders = try runFolders()
        let text = try #require(message(folders + ["--fail-if-worse", "ttft.p98=10%"]))
        #expect(text.contains("--fail-if-worse"), "\(text)")
        #expect(text.contains("no figure 'ttft.p98' to bound; one of: success_rate"), "\(text)")
        let exitCode = CompareCommand.exitCode(for: ValidationError(""))
        #expect(exitCode == .validationFailure, "a bad option exits 64 like every other")
    }

    @Test func needsTwoRunFolders() throws {
        defer { try? FileManager.default.removeItem(at: base) }
        let folders = try runFolders()
        let text = try #require(message([folders[0]]))
        #expect(text.contains("compare needs at least two run folders (got 1)"), "\(text)")
    }

    @Test func refusesAFolderThatIsNotARunBeforeReadingAny() throws {
        defer { try? FileManager.default.removeItem(at: base) }
        let folders = try runFolders()
        let empty = URL(fileURLWithPath: folders[0]).deletingLastPathComponent().appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let text = try #require(message([folders[0], empty.path]))
        #expect(text.contains("\(empty.path) holds no summary.json: only run folders"), "\(text)")
        let missing = try #require(message([folders[0], "/no/such/folder"]))
        #expect(missing.contains("/no/such/folder is not a folder"), "\(missing)")
    }
}
