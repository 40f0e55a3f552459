import ArgumentParser
import Foundation
import LLMLoadCore
import LLMLoadReport

/// `llmload compare A B [C …]`: what differs between runs and by how much, on the console and in
/// `compare.html`; with `--fail-if-worse`, a regression gate for CI (exit status 5).
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare run folders: each figure side by side with its change from the first run.",
        discussion: """
            Lists first what differs in how the runs were set up (model, API, prompts, max tokens, \
            load, llmload version, host), then every figure of each run beside the first run's (A) \
            with its change, absolute and in %. For TTFT, E2E, TPOT, decode speed and schedule lag \
            percentiles it adds a 95 % confidence interval of the change, bootstrapped (seeded, so \
            reproducible) from each run's measured successful requests in requests.csv: \
            "ttft.p99 +8.0 % (CI -2.0 %…+19.0 %)" means not shown to be worse. Writes \
            compare.html (self-contained, offline) with the table, overlaid CDFs and time series.

            --fail-if-worse sets bounds per figure: a percentile fails when its whole interval \
            lies beyond the bound (10% relative, or 50ms), a rate when it rose by more than the \
            bound (0.01 or 1%: one percentage point). Exit status: 0 compared (and no bound \
            exceeded); 5 a later run is worse than A beyond a bound; 1 a folder could not be read, \
            or a bound could not be checked; 3 compare.html could not be written; 64 a bad option \
            or a folder that is not a run folder.

            Examples:
              llmload compare results/before results/after
              llmload compare results/q4 results/q8 results/fp16 --lang zh --output reports
              llmload compare results/main results/pr --fail-if-worse "ttft.p99=10%,e2e.p50=5%,error_rate=0.01"
            """
    )

    @Argument(help: "Run folders written by `llmload run`; the first is the baseline (A).")
    var folders: [String] = []

    @Option(help: "Language of compare.html: en or zh. Default: from the locale (LANG).")
    var lang: ReportLanguage?

    @Option(help: "Folder to write compare.html into (made if missing). Default: the current folder.")
    var output = "."

    @Option(
        help: ArgumentHelp(
            "Exit with status 5 when a later run is worse than A beyond a bound, e.g. "
                + "ttft.p99=10%,e2e.p50=50ms,error_rate=0.01 (names as in the table).",
            valueName: "bounds"),
        transform: { text in try RegressionBounds.parse(text) }
    )
    var failIfWorse: RegressionBounds?

    func validate() throws {
        guard folders.count >= 2 else { throw ValidationError(CompareError.tooFewRuns(folders.count).description) }
        for folder in folders {
            do {
                try CompareError.checkRunFolder(URL(fileURLWithPath: folder))
            } catch {
                throw ValidationError("\(error)")
            }
        }
    }

    func run() throws {
        let comparison: RunComparison
        do {
            comparison = RunComparison(runs: try folders.map { try ComparedRun.load(folder: URL(fileURLWithPath: $0)) })
        } catch {
            StandardError.write(TerminalText.escaped("llmload: \(error)") + "\n")
            throw ExitCode(1)
        }
        print(TerminalText.escaped(ComparisonConsole.render(comparison)))
        do {
            let page = try ComparisonRenderer.render(
                comparison, language: lang ?? .fromEnvironment(), folder: URL(fileURLWithPath: output))
            print("\nComparison written to \(page.path)")
        } catch {
            StandardError.write(TerminalText.escaped("llmload: \(error)") + "\n")
            throw ExitCode(3)
        }
        guard let failIfWorse else { return }
        let verdict = failIfWorse.check(comparison)
        for line in verdict.failures + verdict.unchecked { StandardError.write(TerminalText.escaped(line) + "\n") }
        if !verdict.failures.isEmpty { throw ExitCode(5) }
        if !verdict.unchecked.isEmpty { throw ExitCode(1) }
    }
}
