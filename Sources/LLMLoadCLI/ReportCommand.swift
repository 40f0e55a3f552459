import ArgumentParser
import Foundation
import LLMLoadCore
import LLMLoadReport

extension ReportLanguage: ExpressibleByArgument {}

/// `llmload report <folder>`: renders `report.html` again from a run's or a sweep's saved
/// files, in another language or with a newer layout.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Render report.html again from a run or sweep folder.",
        discussion: """
            Reads summary.json (which holds the run's description, as config.json does), \
            requests.csv and responses.jsonl from the folder and writes report.html beside them \
            (or to --output-file). Folders of schema_version 1 (written before 0.1.0 embedded the \
            description) are read with their config.json. A sweep folder's report is rendered \
            from its sweep.json (each point's own report.html stays as it is: render it from the \
            point's folder).

            Examples:
              llmload report results/20261130-101500-qwen2.5_7b
              llmload report results/20261130-101500-qwen2.5_7b --lang zh --output-file report-zh.html
              llmload report results/20261130-120000-sweep --lang zh
            """
    )

    @Argument(help: "A run folder written by `llmload run`, or a sweep folder written by `llmload sweep`.")
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
        let isSweep = FileManager.default.fileExists(atPath: url.appendingPathComponent("sweep.json").path)
        guard isSweep || FileManager.default.fileExists(atPath: url.appendingPathComponent("summary.json").path) else {
            throw ValidationError(
                "\(folder) holds no summary.json or sweep.json: is it a folder written by `llmload run` or `llmload sweep`?"
            )
        }
        let language = lang ?? .fromEnvironment()
        let output = outputFile.map { URL(fileURLWithPath: $0) }
        do {
            let written =
                isSweep
                ? try SweepReportRenderer.render(
                    folder: url, summary: SweepWriter.read(folder: url), language: language, output: output)
                : try ReportRenderer.render(folder: url, language: language, output: output)
            print("Report written to \(written.path)")
        } catch {
            StandardError.write(TerminalText.escaped("llmload: \(error)") + "\n")
            throw ExitCode(1)
        }
    }
}
