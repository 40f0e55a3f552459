import ArgumentParser
import Foundation
import LLMLoadCore
import LLMLoadReport

extension ReportLanguage: ExpressibleByArgument {}

/// `llmload report <run-folder>`: renders `report.html` again from a run's saved files, in
/// another language or with a newer layout.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Render report.html again from a run folder.",
        discussion: """
            Reads summary.json (which holds the run's description, as config.json does), \
            requests.csv and responses.jsonl from the folder and writes report.html beside them \
            (or to --output-file). Folders of schema_version 1 (written before 0.1.0 embedded the \
            description) are read with their config.json.

            Examples:
              llmload report results/20261130-101500-qwen2.5_7b
              llmload report results/20261130-101500-qwen2.5_7b --lang zh --output-file report-zh.html
            """
    )

    @Argument(help: "A run folder written by `llmload run`.")
    var folder: String

    @Option(help: "Language: en or zh. Default: from the locale (LANG).")
    var lang: ReportLanguage?

    @Option(help: "Where to write the report. Default: <folder>/report.html.")
    var outputFile: String?

    func run() throws {
        let url = URL(fileURLWithPath: folder)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw ValidationError("\(folder) is not a folder")
        }
        guard FileManager.default.fileExists(atPath: url.appendingPathComponent("summary.json").path) else {
            throw ValidationError("\(folder) holds no summary.json: is it a run folder written by `llmload run`?")
        }
        do {
            let written = try ReportRenderer.render(
                folder: url, language: lang ?? .fromEnvironment(), output: outputFile.map { URL(fileURLWithPath: $0) }
            )
            print("Report written to \(written.path)")
        } catch {
            StandardError.write(TerminalText.escaped("llmload: \(error)") + "\n")
            throw ExitCode(1)
        }
    }
}
