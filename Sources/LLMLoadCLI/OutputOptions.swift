import ArgumentParser
import LLMLoadCore

/// Where `llmload run` writes its results, and what it says while it runs.
struct OutputOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "Folder under which each run gets its own folder.")
    var output: String = "results"

    @Option(help: "A label appended to the run folder's name.")
    var label: String?

    @Option(
        help: ArgumentHelp(
            "Language of report.html and of the console (live line, summary, warnings, pre-flight, errors): "
                + "en or zh. Default: from the locale (LANG). --help stays English."))
    var lang: ReportLanguage?

    @Flag(name: .shortAndLong, help: "No live status on standard error (the summary is still printed).")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Log what the tool does, to standard error.")
    var verbose = false

    /// Where results go; the language defaults to the locale's.
    var configuration: RunConfiguration.Output {
        RunConfiguration.Output(directory: output, label: label, language: lang ?? .fromEnvironment())
    }
}
