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
            compare.html (self-contained, offline) with the table, overlaid CDFs and time series. \
            Sweep folders (sweep.json and a run folder per point) are compared point by point, \
            matched by offered load, into compare-<load>.html.

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

    @Argument(help: "Run folders written by `llmload run` (or sweep folders); the first is the baseline (A).")
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
        do {
            let kinds = try folders.map { try ComparisonPlan.kind(of: URL(fileURLWithPath: $0)) }
            guard Set(kinds).count == 1 else { throw CompareError.mixedFolders }
        } catch {
            throw ValidationError("\(error)")
        }
    }

    func run() throws {
        let plan: ComparisonPlan
        let comparisons: [RunComparison]
        do {
            plan = try ComparisonPlan.make(folders: folders.map { URL(fileURLWithPath: $0) })
            comparisons = try plan.groups.map { RunComparison(runs: try $0.folders.map(ComparedRun.load)) }
        } catch {
            StandardError.write(TerminalText.escaped("llmload: \(error)") + "\n")
            throw ExitCode(1)
        }
        var verdict = RegressionBounds.Verdict()
        for (group, comparison) in zip(plan.groups, comparisons) {
            // A sweep's points each get their section, page and checks, named by their load.
            if let point = group.point { print("\n=== \(point) ===") }
            print(TerminalText.escaped(ComparisonConsole.render(comparison)))
            do {
                let page = try ComparisonRenderer.render(
                    comparison, language: lang ?? .fromEnvironment(), folder: URL(fileURLWithPath: output),
                    fileName: group.point.map { "compare-\(RunFolder.safeName($0)).html" }
                        ?? ComparisonRenderer.fileName)
                print("\nComparison written to \(page.path)")
            } catch {
                StandardError.write(TerminalText.escaped("llmload: \(error)") + "\n")
                throw ExitCode(3)
            }
            if let found = failIfWorse?.check(comparison) {
                let prefix = group.point.map { "\($0): " } ?? ""
                verdict.failures += found.failures.map { prefix + $0 }
                verdict.unchecked += found.unchecked.map { prefix + $0 }
            }
        }
        if !plan.unmatched.isEmpty {
            print("\nNot in every sweep, left out: \(plan.unmatched.joined(separator: ", "))")
        }
        for line in verdict.failures + verdict.unchecked { StandardError.write(TerminalText.escaped(line) + "\n") }
        if !verdict.failures.isEmpty { throw ExitCode(5) }
        if !verdict.unchecked.isEmpty { throw ExitCode(1) }
    }
}
