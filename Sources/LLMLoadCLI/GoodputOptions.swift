import ArgumentParser
import LLMLoadCore
import LLMLoadReport

/// The latency bounds of goodput, and whether missing them fails the run (a CI gate).
struct GoodputOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp("Latency bounds for goodput, any of: ttft=500ms,tpot=50ms,e2e=10s.", valueName: "bounds"),
        transform: { try ServiceLevelObjectives.parse($0) }
    )
    var slo: ServiceLevelObjectives?

    @Option(help: "Exit with status 4 unless at least this share (0–1) of requests met every --slo bound.")
    var failOnSlo: Double?

    func validate() throws {
        guard let failOnSlo else { return }
        guard slo != nil else { throw ValidationError("--fail-on-slo needs --slo") }
        guard (0...1).contains(failOnSlo) else { throw ValidationError("--fail-on-slo must be between 0 and 1") }
    }

    /// Exit status 4 (after saying why on standard error) when `--fail-on-slo` asks for more
    /// than `share`, the share of requests that met every bound; `nil` counts as none.
    func checkMet(share: Double?) throws {
        guard let required = failOnSlo else { return }
        let share = share ?? 0
        guard share >= required else {
            StandardError.write(
                "SLO not met: \(ConsoleSummary.percent(share)) of requests met every bound, \(ConsoleSummary.percent(required)) required\n"
            )
            throw ExitCode(4)
        }
    }
}
