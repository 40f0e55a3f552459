import Foundation
import LLMLoadCore
import Testing

@testable import LLMLoadReport

@Suite struct ComparisonPlanTests {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("llmload-plan-\(UUID().uuidString)")

    /// A sweep folder: `sweep.json` and one fixture run folder per load pattern.
    func sweep(_ name: String, _ patterns: [String]) throws -> URL {
        let sweep = base.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: sweep, withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: sweep.appendingPathComponent("sweep.json"))
        for (index, pattern) in patterns.enumerated() {
            let fixture = ReportFolderFixture()
            var summary = try fixture.write(count: 10)
            summary.runDescription.load.pattern = pattern
            try SummaryWriter.write(summary, to: fixture.url.appendingPathComponent("summary.json"))
            try FileManager.default.moveItem(at: fixture.url, to: sweep.appendingPathComponent("point-\(index)"))
        }
        return sweep
    }

    @Test func runFoldersAreOneComparison() throws {
        defer { try? FileManager.default.removeItem(at: base) }
        let points = try sweep("s", ["constant@1.00", "constant@2.00"])
        let runs = [points.appendingPathComponent("point-0"), points.appendingPathComponent("point-1")]
        let plan = try ComparisonPlan.make(folders: runs)
        #expect(plan.groups == [.init(point: nil, folders: runs)])
    }

    @Test func sweepsAreComparedPointByPointMatchedByLoad() throws {
        defer { try? FileManager.default.removeItem(at: base) }
        let a = try sweep("a", ["constant@10.00", "constant@20.00", "constant@40.00"])
        let b = try sweep("b", ["constant@20.00", "constant@10.00"])
        let plan = try ComparisonPlan.make(folders: [a, b])
        #expect(plan.groups.map(\.point) == ["constant@10.00", "constant@20.00"])
        #expect(
            plan.groups[0].folders == [a.appendingPathComponent("point-0"), b.appendingPathComponent("point-1")])
        #expect(plan.unmatched == ["constant@40.00"])
    }

    @Test func everyFolderProblemIsNamed() throws {
        defer { try? FileManager.default.removeItem(at: base) }
        let a = try sweep("a", ["constant@10.00"])
        let b = try sweep("b", ["constant@20.00"])
        #expect(throws: CompareError.noCommonPoint) { try ComparisonPlan.make(folders: [a, b]) }
        let run = a.appendingPathComponent("point-0")
        #expect(throws: CompareError.mixedFolders) { try ComparisonPlan.make(folders: [run, b]) }
        let empty = try sweep("empty", [])
        #expect(throws: CompareError.emptySweep(empty.path)) { try ComparisonPlan.make(folders: [a, empty]) }
        let neither = base.appendingPathComponent("neither")
        try FileManager.default.createDirectory(at: neither, withIntermediateDirectories: true)
        #expect(throws: CompareError.notARunFolder(neither.path)) { try ComparisonPlan.kind(of: neither) }
        #expect(CompareError.notARunFolder(neither.path).description.contains("only run folders"))
        let file = base.appendingPathComponent("file.txt")
        try Data("x".utf8).write(to: file)
        #expect(throws: CompareError.notAFolder(file.path)) { try ComparisonPlan.kind(of: file) }
        #expect(throws: CompareError.notARunFolder(b.path)) { try ComparedRun.load(folder: b) }
    }
}
