import ArgumentParser
import Foundation
import LLMLoadCore
import LLMLoadReport
import LLMLoadRunner
import LLMLoadScheduler
import LLMLoadSimulator
import Logging

/// `llmload run`: one load test against a server or the built-in simulator.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Send a load to an LLM server and measure it.",
        discussion: """
            By default requests go out at a constant rate (open loop): request i is due at \
            start + i/qps, whether or not earlier ones have finished. --arrival poisson spaces them \
            with exponential gaps at the same mean rate (seeded: --arrival-seed, default 42, so a \
            run repeats); --arrival gamma --burstiness K draws gamma gaps of shape K at that mean \
            rate (K = 1 is Poisson, smaller is burstier; seeded the same way); --ramp changes the \
            rate linearly; --trace replays a recorded trace (Mooncake JSONL, BurstGPT CSV), each \
            request at its instant with the trace's prompt and answer lengths, until the trace ends. \
            --concurrency N is a closed loop \
            instead: N users, each sending its next request when its last one ended (after \
            --think-time); with --turns K each user holds K-turn conversations, every turn sent \
            with the whole history and the server's answers. After --duration (or --requests) no new request is sent; requests \
            still in flight get --drain-timeout to finish. Ctrl-C stops sending and drains; a \
            second Ctrl-C cancels what is in flight. SIGTERM stops sending and gives requests in \
            flight --term-grace (5 s) before cancelling them. Results are written either way, and \
            an interrupted run exits with status 130 (at once, with nothing written, when it is \
            interrupted before the load starts).

            While it runs, a status line on standard error shows elapsed time, requests sent, \
            done, failed and in flight, req/s and output tokens/s over the last 5 s, and the TTFT \
            median so far (a plain line every 5 s when standard error is not a terminal; none with \
            --quiet).

            Results go to <output>/<yyyyMMdd-HHmmss>-<model>[-<label>]/: report.html (one file \
            with every chart, opens offline), requests.csv (one row per request, written during \
            the run), responses.jsonl and responses.txt (every prompt and answer), timeseries.csv \
            (one row per second), summary.json and config.json. CPU, memory and GPU use are \
            sampled through the whole run (see --sample-interval, --monitor-process, --gpu).

            Examples:
              llmload run --simulate --qps 20 --duration 10
              llmload run --simulate --arrival poisson --qps 50 --duration 60 --arrival-seed 7
              llmload run --simulate --arrival gamma --burstiness 0.5 --qps 50 --duration 60
              llmload run --simulate --qps 20 --max-in-flight 4 --duration 30
              llmload run --simulate --concurrency 8 --duration 30 --think-time 500ms
              llmload run --simulate --concurrency 4 --turns 5 --think-time 2s --requests 100
              llmload run --simulate --ramp 10-500/60s --duration 90
              llmload run --simulate --trace examples/mooncake-sample.jsonl --trace-speed 2
              llmload run --url http://localhost:8000/v1 --trace burstgpt.csv --trace-window 10m-20m --ignore-eos
              llmload run --url http://localhost:8080/v1 --concurrency 4 --requests 200 --max-tokens 64
              llmload run --url http://localhost:8000/v1 --qps 5 --duration 60 --input-tokens 1000-4096 --max-tokens 256
              llmload run --url http://localhost:11434 --model qwen2.5:7b --qps 2 --duration 120 --input-tokens 2048 --shared-prefix 1024
              llmload run --url http://localhost:11434 --model deepseek-r1:1.5b --qps 10 --duration 300
              llmload run --url http://gpu-box:11434/api/chat --model qwen2.5:7b --qps 5 --duration 5m --max-tokens 256
              llmload run --url http://localhost:8000/v1 --qps 20 --duration 60 --max-tokens 128 --warmup 10s
              llmload run --url https://api.example.com/v1 --model my-model --api-key "$KEY" --qps 2 --duration 30
              llmload run --simulate --qps 50 --duration 20 --slo ttft=500ms,e2e=5s --fail-on-slo 0.95
              llmload run --url http://localhost:8080/v1 --qps 4 --duration 60 --monitor-process llama-server --gpu 0
              llmload run --url http://127.0.0.1:8001/v1 --url http://127.0.0.1:8002/v1 --balance least-in-flight --qps 20 --duration 60
            """
    )

    @OptionGroup(title: "Target")
    var target: TargetOptions

    @OptionGroup(title: "Load profile")
    var profile: LoadProfileOptions

    @OptionGroup(title: "Trace replay")
    var replay: TraceOptions

    @OptionGroup(title: "Load")
    var load: LoadOptions

    @OptionGroup(title: "Prompts")
    var prompts: PromptOptions

    @OptionGroup(title: "Synthetic prompts")
    var input: InputLengthOptions

    @OptionGroup(title: "Requests")
    var request: RequestOptions

    @OptionGroup(title: "Goodput")
    var goodput: GoodputOptions

    @OptionGroup(title: "Output")
    var output: OutputOptions

    @OptionGroup(title: "Resource monitor")
    var monitor: MonitorOptions

    @OptionGroup(title: "Simulator (with --simulate)")
    var simulator: SimulatorOptions

    /// The checks that span groups; each group has checked its own flags already (ArgumentParser
    /// validates an option group as it decodes it), all before anything is created or contacted.
    func validate() throws {
        try input.checkExclusive(with: prompts.givenSources)
        // A trace gives each request's answer length itself (`max_tokens` from its entry).
        if request.ignoreEos && request.maxTokens == nil && replay.trace == nil {
            throw ValidationError(
                "--ignore-eos needs --max-tokens (or --trace, whose entries give each answer's length)")
        }
        if request.ignoreEos, let api = target.api, api.isOllama {
            throw ValidationError("--ignore-eos is not supported by Ollama's native API")
        }
        if profile.turns != nil, let api = target.api, api == .openAICompletions || api == .ollamaGenerate {
            throw ValidationError(
                "--turns needs a chat API (openai-chat or ollama-chat), not \(api.rawValue): a completion API takes one prompt"
            )
        }
        try load.check(against: profile)
        try replay.checkExclusive(profile: profile, load: load, prompts: prompts, input: input)
        try input.checkSource(hasTrace: replay.trace != nil)
    }

    /// The run's configuration; `baseURL` is the simulator's when it runs in-process.
    func makeConfiguration(baseURL: String?) throws -> RunConfiguration {
        var requests = RunConfiguration.Requests()
        requests.prompts = input.synthetic.map { .synthetic($0) } ?? .given(prompts.given)
        requests.isUniquePrefix = prompts.uniquePrompts
        requests.contextLength = input.numCtx
        request.apply(to: &requests)
        var configuration = RunConfiguration(
            target: try target.configuration(
                simulatorURL: baseURL, simulatedModel: simulator.simulatedModel,
                environment: ProcessInfo.processInfo.environment),
            load: load.configuration(profile: profile, requestTimeout: request.timeout.duration),
            requests: requests,
            output: output.configuration
        )
        if let trace = try replay.load() {
            try Self.replay(trace, in: &configuration, duration: load.duration?.duration)
            configuration.requests.prompts = .trace(input.traceSettings)
        }
        configuration.objectives = goodput.slo
        configuration.monitor = monitor.configuration
        configuration.isStrictPreflight = target.strictPreflight
        return configuration
    }

    func run() async throws {
        var logger = Logger(label: "llmload")
        logger.logLevel = output.verbose ? .info : .warning
        ProcessLimits.raiseOpenFileLimit()
        let stop = StopSignal()
        // The console's language (`--lang`, else the locale's); `--help` and ArgumentParser's
        // own messages stay English.
        let language = output.lang ?? .fromEnvironment()
        let signals = InterruptHandler.install(stop: stop, termGrace: load.termGrace.duration, language: language)
        defer { signals.cancel() }
        let result: LoadRun.Result
        do {
            if target.simulate {
                let (command, logger) = (self, logger)
                result = try await Simulator.withRunning(simulator.configuration) { baseURL in
                    try await command.execute(
                        try command.makeConfiguration(baseURL: baseURL), stop: stop, logger: logger)
                }
            } else {
                result = try await execute(try makeConfiguration(baseURL: nil), stop: stop, logger: logger)
            }
        } catch RunError.interrupted {
            StandardError.write("\(RunError.interrupted.text(language))\n")
            throw ExitCode(InterruptHandler.exitStatus)
        } catch let error as RunError {
            // Its message may quote the server (model names, error texts).
            throw TerminalSafeError.failure(error.text(language), language: language)
        }
        // Model names, versions and error texts in it come from the server.
        print(
            TerminalText.escaped(ConsoleSummary.render(result.summary, folder: result.folder.path, language: language)))
        if !result.writeFailures.isEmpty {
            throw ExitCode(3)
        }
        if result.summary.run.interrupted {
            throw ExitCode(InterruptHandler.exitStatus)
        }
        try goodput.checkMet(share: result.summary.goodput?.share)
    }
}
