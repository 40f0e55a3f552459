import ArgumentParser
import Foundation
import LLMLoadCore
import LLMLoadReport
import LLMLoadRunner
import LLMLoadScheduler
import LLMLoadSimulator
import Logging

extension APIKind: ExpressibleByArgument {}

/// `llmload run`: one load test against a server or the built-in simulator.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Send a load to an LLM server and measure it.",
        discussion: """
            By default requests go out at a constant rate (open loop): request i is due at \
            start + i/qps, whether or not earlier ones have finished. --arrival poisson spaces them \
            with exponential gaps at the same mean rate (seeded: --arrival-seed, default 42, so a \
            run repeats); --ramp changes the rate linearly. --concurrency N is a closed loop \
            instead: N users, each sending its next request when its last one ended (after \
            --think-time). After --duration (or --requests) no new request is sent; requests \
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
              llmload run --simulate --concurrency 8 --duration 30 --think-time 500ms
              llmload run --simulate --ramp 10-500/60s --duration 90
              llmload run --url http://localhost:8080/v1 --concurrency 4 --requests 200 --max-tokens 64
              llmload run --url http://localhost:8000/v1 --qps 5 --duration 60 --input-tokens 1000-4096 --max-tokens 256
              llmload run --url http://localhost:11434 --model qwen2.5:7b --qps 2 --duration 120 --input-tokens 2048 --shared-prefix 1024
              llmload run --url http://localhost:11434 --model deepseek-r1:1.5b --qps 10 --duration 300
              llmload run --url http://gpu-box:11434/api/chat --model qwen2.5:7b --qps 5 --duration 5m --max-tokens 256
              llmload run --url http://localhost:8000/v1 --qps 20 --duration 60 --max-tokens 128 --warmup 10s
              llmload run --url https://api.example.com/v1 --model my-model --api-key "$KEY" --qps 2 --duration 30
              llmload run --simulate --qps 50 --duration 20 --slo ttft=500ms,e2e=5s --fail-on-slo 0.95
              llmload run --url http://localhost:8080/v1 --qps 4 --duration 60 --monitor-process llama-server --gpu 0
            """
    )

    @Option(
        help: """
            The server: http(s)://host:port, an OpenAI base URL ending in /v1, or a full endpoint \
            (/api/generate, /api/chat, /v1/chat/completions, /v1/completions). Default: $OLLAMA_HOST \
            or http://127.0.0.1:11434.
            """
    )
    var url: String?

    @Flag(help: "Start the built-in simulator on a free loopback port and target it.")
    var simulate = false

    @Option(help: "The API to use (default: from the URL's path, else detected from the server).")
    var api: APIKind?

    @Option(help: "API key sent as 'Authorization: Bearer …' (default: $OPENAI_API_KEY). Never written anywhere.")
    var apiKey: String?

    @Flag(help: "Do not verify TLS certificates of an https:// target (stated in the results).")
    var insecure = false

    @Option(name: .shortAndLong, help: "The model (default: the only model the server lists).")
    var model: String?

    @Option(
        name: [.customLong("qps"), .customLong("rate")],
        help: "Requests per second (any positive number), open loop. Default: 1."
    )
    var qps: Double?

    @Option(name: .shortAndLong, help: "How long to send requests: seconds, or 500ms, 10s, 5m, 1h.")
    var duration: DurationArgument = .init(.seconds(10))

    @Option(help: "Stop after this many requests, even if --duration has not passed.")
    var requests: Int?

    @Option(help: "Send at the same rate for this long first, and leave those requests out of every statistic.")
    var warmup: DurationArgument?

    @Option(help: "Send this many requests first, and leave them out of every statistic.")
    var warmupRequests: Int?

    @Option(help: "Per-request timeout.")
    var timeout: DurationArgument = .init(.seconds(300))

    @Option(
        help: ArgumentHelp(
            "After the last send, how long requests in flight may take before they are cancelled.",
            discussion: "Default: the request timeout, so no request is cut short and left out of the figures."
        )
    )
    var drainTimeout: DurationArgument?

    @Option(
        help: ArgumentHelp(
            "After SIGTERM, how long requests in flight may finish before they are cancelled.",
            discussion: "Kept well inside the 10–30 s a container runtime waits before SIGKILL, so results are written."
        )
    )
    var termGrace: DurationArgument = .init(.seconds(5))

    @Option(help: "Maximum output tokens per request (num_predict / max_tokens). Default: the server's.")
    var maxTokens: Int?

    @Option(help: "One prompt for every request. Default: built-in questions in English and Chinese.")
    var prompt: String?

    @Option(
        help: ArgumentHelp(
            "A file of prompts, used in turn: text (one a line), JSONL ({\"prompt\": …} or {\"messages\": […]}) or ShareGPT (.json).",
            valueName: "path"))
    var prompts: String?

    @Option(help: "Put each prompt in this template's {question}, e.g. \"请回答以下问题：{question}\".")
    var template: String?

    @Option(help: "Shuffle the prompts in an order fixed by this seed (default: the file's order).")
    var shuffleSeed: UInt64?

    @Flag(
        inversion: .prefixedNo,
        help:
            "Start each prompt with a short tag unique to the request ([run-index]), so the server's prompt cache cannot hide prefill."
    )
    var uniquePrompts = true

    @Flag(help: "Ask for whole answers instead of streams (no TTFT then).")
    var noStream = false

    @Option(help: "Sampling temperature.")
    var temperature: Double?

    @Option(help: "Nucleus sampling top_p.")
    var topP: Double?

    @Option(help: "Sampling seed.")
    var seed: Int?

    @Option(help: "Ollama keep_alive, such as 5m or -1.")
    var keepAlive: String?

    @Option(help: "A stop sequence (repeat for several).")
    var stop: [String] = []

    @Flag(
        help:
            "Generate --max-tokens tokens even past end-of-sequence (OpenAI-compatible servers that support ignore_eos, such as vLLM)."
    )
    var ignoreEos = false

    @Option(help: "Latency bounds for goodput, any of: ttft=500ms,tpot=50ms,e2e=10s.")
    var slo: String?

    @Option(help: "Exit with status 4 unless at least this share (0–1) of requests met every --slo bound.")
    var failOnSlo: Double?

    @Option(name: .shortAndLong, help: "Folder under which each run gets its own folder.")
    var output: String = "results"

    @Option(help: "A label appended to the run folder's name.")
    var label: String?

    @Option(help: "Language of report.html: en or zh. Default: from the locale (LANG).")
    var lang: ReportLanguage?

    @Flag(name: .shortAndLong, help: "No live status on standard error (the summary is still printed).")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Log what the tool does, to standard error.")
    var verbose = false

    @OptionGroup(title: "Load profile")
    var profile: LoadProfileOptions

    @OptionGroup(title: "Synthetic prompts")
    var input: InputLengthOptions

    @OptionGroup(title: "Resource monitor")
    var monitor: MonitorOptions

    @OptionGroup(title: "Simulator (with --simulate)")
    var simulator: SimulatorOptions

    /// The run's configuration; `baseURL` is the simulator's when it runs in-process.
    func makeConfiguration(baseURL: String?) throws -> RunConfiguration {
        let parsed = try parsedURL(
            baseURL ?? url ?? TargetURL.defaultTarget(environment: ProcessInfo.processInfo.environment))
        var requestSettings = RunConfiguration.Requests()
        requestSettings.prompt = prompt
        requestSettings.promptFile = prompts
        requestSettings.template = template
        requestSettings.shuffleSeed = shuffleSeed
        requestSettings.isUniquePrefix = uniquePrompts
        input.apply(to: &requestSettings)
        requestSettings.maxOutputTokens = maxTokens
        requestSettings.isStreaming = !noStream
        requestSettings.sampling = SamplingOptions(temperature: temperature, topP: topP, seed: seed)
        requestSettings.keepAlive = keepAlive
        requestSettings.stop = stop
        requestSettings.ignoresEndOfSequence = ignoreEos
        requestSettings.timeout = timeout.duration
        var configuration = RunConfiguration(
            target: .init(
                baseURL: parsed.baseURL,
                api: api ?? parsed.api,
                model: simulate ? (model ?? simulator.simulatedModel) : model,
                isSimulated: simulate,
                apiKey: apiKey
                    ?? ProcessInfo.processInfo.environment["OPENAI_API_KEY"].flatMap { $0.isEmpty ? nil : $0 },
                isInsecure: insecure
            ),
            load: .init(
                ratePerSecond: 1, duration: duration.duration, maximumRequests: requests,
                drainTimeout: drainTimeout?.duration ?? timeout.duration,
                warmup: warmup.map { .duration($0.duration) } ?? warmupRequests.map { .requests($0) }
            ),
            requests: requestSettings,
            output: .init(directory: output, label: label, language: lang ?? .fromEnvironment())
        )
        (configuration.load.profile, configuration.load.ratePerSecond) = profile.profile(qps: qps ?? 1)
        configuration.objectives = try slo.map(ServiceLevelObjectives.parse)
        configuration.monitor = monitor.configuration
        return configuration
    }

    func run() async throws {
        var logger = Logger(label: "llmload")
        logger.logLevel = verbose ? .info : .warning
        ProcessLimits.raiseOpenFileLimit()
        let stop = StopSignal()
        let signals = InterruptHandler.install(stop: stop, termGrace: termGrace.duration)
        defer { signals.cancel() }
        let result: LoadRun.Result
        do {
            if simulate {
                let (command, logger) = (self, logger)
                result = try await Simulator.withRunning(simulator.configuration) { baseURL in
                    try await command.execute(
                        try command.makeConfiguration(baseURL: baseURL), stop: stop, logger: logger)
                }
            } else {
                result = try await execute(try makeConfiguration(baseURL: nil), stop: stop, logger: logger)
            }
        } catch RunError.interrupted {
            StandardError.write("\(RunError.interrupted)\n")
            throw ExitCode(InterruptHandler.exitStatus)
        } catch let error as RunError {
            // Its message may quote the server (model names, error texts).
            throw TerminalSafeError(error.description)
        }
        // Model names, versions and error texts in it come from the server.
        print(TerminalText.escaped(ConsoleSummary.render(result.summary, folder: result.folder.path)))
        if !result.writeFailures.isEmpty {
            throw ExitCode(3)
        }
        if result.summary.run.interrupted {
            throw ExitCode(InterruptHandler.exitStatus)
        }
        if let required = failOnSlo {
            let share = result.summary.goodput?.share ?? 0
            guard share >= required else {
                StandardError.write(
                    "SLO not met: \(ConsoleSummary.percent(share)) of requests met every bound, \(ConsoleSummary.percent(required)) required\n"
                )
                throw ExitCode(4)
            }
        }
    }
}
