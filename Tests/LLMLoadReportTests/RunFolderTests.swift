import Foundation
import Testing

@testable import LLMLoadReport

@Suite struct RunFolderTests {
    @Test(arguments: [
        ("deepseek-r1:1.5b", "deepseek-r1_1.5b"), ("a/b\\c", "a_b_c"), ("模型", "__"), ("..", ""),
        ("qwen2.5:7b-instruct", "qwen2.5_7b-instruct"),
    ])
    func namesAreSafeOnEveryFileSystem(input: String, expected: String) {
        #expect(RunFolder.safeName(input) == expected)
    }

    @Test func createsUniqueFoldersForRunsInTheSameSecond() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("llmload-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        let date = Date(timeIntervalSince1970: 1_800_000_000)
        let first = try RunFolder.create(base: base, model: "m:1b", label: "try", startedAt: date)
        let second = try RunFolder.create(base: base, model: "m:1b", label: "try", startedAt: date)
        #expect(first.url != second.url)
        #expect(first.url.lastPathComponent.hasSuffix("-m_1b-try"))
        #expect(second.url.lastPathComponent.hasSuffix("-m_1b-try-2"))
    }

    @Test func anUnwritableBaseIsAClearError() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("llmload-file-\(UUID().uuidString)")
        try Data("x".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let error = #expect(throws: ReportError.self) {
            try RunFolder.checkWritable(base: file.appendingPathComponent("results"))
        }
        #expect(error?.description.hasPrefix("cannot write to output folder \(file.path)/results") == true)
    }

    /// A link planted under the probe's name must not be followed: the file it points to keeps
    /// its content, and the check refuses the folder.
    @Test func theWriteCheckNeverFollowsAPlantedLink() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("llmload-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        let victim = base.appendingPathComponent("victim.txt")
        try Data("keep".utf8).write(to: victim)
        let results = base.appendingPathComponent("results")
        try FileManager.default.createDirectory(at: results, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: results.appendingPathComponent(".probe"), withDestinationURL: victim)
        #expect(throws: ReportError.self) { try RunFolder.checkWritable(base: results, probeName: ".probe") }
        #expect(try String(contentsOf: victim, encoding: .utf8) == "keep")
        // A dangling link is not followed either: nothing is created where it points.
        let absent = base.appendingPathComponent("absent.txt")
        try FileManager.default.createSymbolicLink(
            at: results.appendingPathComponent(".dangling"), withDestinationURL: absent)
        #expect(throws: ReportError.self) { try RunFolder.checkWritable(base: results, probeName: ".dangling") }
        #expect(!FileManager.default.fileExists(atPath: absent.path))
    }

    @Test func theWriteCheckLeavesNothingBehind() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("llmload-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        try RunFolder.checkWritable(base: base)
        #expect(try FileManager.default.contentsOfDirectory(atPath: base.path).isEmpty)
    }
}
