import ArgumentParser
import Foundation
import LLMLoadCore
import LLMLoadReport
import LLMLoadTestSupport
import Testing

@testable import LLMLoadCLI

/// `llmload report` on a sweep folder renders the sweep's page from its sweep.json; a folder
/// with neither file is refused naming both.
@Suite struct ReportCommandTests {
    @Test func aSweepFolderGetsItsSweepReportInTheLanguageAsked() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("llmload-rep-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try SweepWriter.write(SweepFixture.summary(), to: folder)
        let output = folder.appendingPathComponent("report-zh.html")
        try ReportCommand.parse([folder.path, "--lang", "zh", "--output-file", output.path]).run()
        let html = try String(contentsOf: output, encoding: .utf8)
        #expect(html.contains("LLM 负载扫描报告"))
        #expect(html.contains("<a href=\"./point-3/report.html\">"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("report.html").path))

        let empty = folder.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let error = try #require(throws: ValidationError.self) { try ReportCommand.parse([empty.path]).run() }
        #expect(error.message.contains("holds no summary.json or sweep.json"))
    }
}
