import ArgumentParser
import Foundation
import LLMLoadCore
import LLMLoadMetrics
import LLMLoadReport
import LLMLoadRunner
import LLMLoadScheduler
import LLMLoadSimulator
import Logging

/// `llmload sweep`: one run per load, to find what a server sustains and how it degrades.
struct SweepCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a load at several rates or user counts, or search for the highest rate that meets your goals.",
        discussion: """
            Every `run` option applies to each point (target, API, prompts, --input-tokens, \
            --max-tokens, --duration and --warmup per point, monitor, …); the sweep sets each \
            point's load: --rates (open loop, at --arrival's pattern), --concurrencies (closed \
            loop) or --find max-rate. A point passes when it ran to its end, at most \
            --max-error-rate of its requests failed, the server completed at least 95 % of the \
            requests sent while the load was steady (no growing backlog), and, with --slo, at \
            least --goodput of the requests (default 0.95) met every bound.

            --find max-rate doubles the rate from --start-rate while points pass, then bisects \
            between the last passing and the first failing rate until the bracket is within \
            --precision; it reports the highest passing rate and the evidence. A clearly \
            saturated point (errors over the bound, a queue that only grows, throughput under half \
            the offered rate) ends early with the reason recorded, and the heavier points of a \
            list are skipped unless --keep-going.

            Results go to <output>/<yyyyMMdd-HHmmss>-sweep[-<label>]/: one run folder per point \
            (every file `run` writes), sweep.json and sweep.csv (one row per point) and report.html \
            (every point on one page). Ctrl-C ends the current point as it ends a run and writes \
            the sweep with the points done (exit status 130).

            Examples:
              llmload sweep --simulate --max-concurrency 4 --find max-rate --slo e2e=2s --duration 10
              llmload sweep --url http://localhost:8000/v1 --rates 1-64 --steps 7 --duration 60 --pause 10s
              llmload sweep --url http://localhost:11434 --model qwen2.5:7b --concurrencies 1,2,4,8 --duration 60
              llmload sweep -f examples/ollama.yaml   (run options at the top, sweep options under sweep:)
            """
    )

    @OptionGroup(title: "Sweep")
    var sweep: SweepOptions

    @OptionGroup
    var options: RunCommand

    func validate() throws {
        let given = [
            ("--qps", options.profile.qps != nil), ("--concurrency", options.profile.concurrency != nil),
            ("--ramp", options.profile.ramp != nil), ("--fail-on-slo", options.goodput.failOnSlo != nil),
            ("--trace", options.replay.trace != nil),
        ].filter(\.1).map(\.0)
        if let flag = given.first {
            throw ValidationError(
                "\(flag) is not a sweep option: the sweep sets each point's load (--rates, --concurrencies, --find), and --goodput judges it"
            )
        }
        // Every point would start at the one instant, and the second could never.
        if options.load.shard != nil || options.load.startAt != nil {
            throw ValidationError("--shard and --start-at are for one run, not for a sweep's points")
        }
        if sweep.concurrencies != nil, options.profile.arrival.isRandom {
            throw ValidationError(
                "--arrival \(options.profile.arrival.rawValue) needs open-loop rates, not --concurrencies")
        }
        if sweep.concurrencies != nil, options.profile.maxInFlight != nil {
            throw ValidationError(
                "--max-in-flight caps open-loop rates; --concurrencies are closed loops already capped")
        }
        if sweep.goodput != nil, options.goodput.slo == nil { throw ValidationError("--goodput needs --slo") }
    }

    /// What each point must do to pass.
    var goals: SweepSummary.Goals {
        let slo = options.goodput.slo
        return SweepSummary.Goals(
            objectives: slo.map(RunDescription.Objectives.init), goodputShare: slo == nil ? nil : sweep.goodput ?? 0.95,
            maxErrorRate: sweep.maxErrorRate, minKeptUpShare: 0.95, precision: sweep.find == nil ? nil : sweep.precision
        )
    }

    func run() async throws {
        var logger = Logger(label: "llmload")
        logger.logLevel = options.output.verbose ? .info : .warning
        ProcessLimits.raiseOpenFileLimit()
        let stop = StopSignal()
        let signals = InterruptHandler.install(stop: stop, termGrace: options.load.termGrace.duration)
        defer { signals.cancel() }
        let result: SweepRun.Result
        do {
            if options.target.simulate {
                let (command, logger) = (self, logger)
                result = try await Simulator.withRunning(options.simulator.configuration) { baseURL in
                    try await command.execute(baseURL: baseURL, stop: stop, logger: logger)
                }
            } else {
                result = try await execute(baseURL: nil, stop: stop, logger: logger)
            }
        } catch RunError.interrupted {
            StandardError.write("\(RunError.interrupted)\n")
            throw ExitCode(InterruptHandler.exitStatus)
        } catch let error as RunError {
            throw TerminalSafeError(error.description)
        }
        let language = options.output.lang ?? .fromEnvironment()
        var failed = false
        do {
            try SweepWriter.write(result.summary, to: result.folder)
            let report = try SweepReportRenderer.render(
                folder: result.folder, summary: result.summary, language: language)
            print(TerminalText.escaped(SweepConsole.table(result.summary, language: language)))
            print(
                language == .zh
                    ? "扫描结果已写入 \(result.folder.path)（报告：\(report.lastPathComponent)）"
                    : "Sweep written to \(result.folder.path) (report: \(report.lastPathComponent))")
        } catch {
            StandardError.write(TerminalText.escaped("llmload: \(error)") + "\n")
            failed = true
        }
        if result.summary.interrupted { throw ExitCode(InterruptHandler.exitStatus) }
        if failed { throw ExitCode(3) }
    }

    /// Runs the points against `baseURL` (the simulator's) or the target given, printing a line
    /// as each ends and writing `sweep.json` after each, so nothing done is lost.
    func execute(baseURL: String?, stop: StopSignal, logger: Logger) async throws -> SweepRun.Result {
        let quiet = options.output.quiet
        let base = try options.makeConfiguration(baseURL: baseURL)
        let language = base.output.language
        var sweepRun = SweepRun(
            base: base, loads: sweep.loads, goals: goals,
            pause: sweep.pause.duration, stop: stop, logger: logger,
            notify: { line in
                if !quiet { StandardError.write(TerminalText.escaped(line, keepsLineBreaks: false) + "\n") }
            })
        sweepRun.keepsGoing = sweep.keepGoing
        let mode = sweepRun.loads.mode
        return try await sweepRun.run { summary, folder in
            if let point = summary.points.last {
                print(TerminalText.escaped(SweepConsole.pointLine(point, mode: mode, language: language)))
            }
            try? SweepWriter.write(summary, to: folder)
        }
    }
}
