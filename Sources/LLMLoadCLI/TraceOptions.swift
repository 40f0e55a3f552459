import ArgumentParser
import LLMLoadCore
import LLMLoadWorkload

/// The trace-replay flags of `llmload run`: a recorded workload sent request by request at its
/// own instants, with its own prompt and answer lengths.
struct TraceOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Replay this trace: Mooncake JSONL (.jsonl) or BurstGPT CSV (.csv), each request at its instant.",
            discussion: """
                Each entry's prompt is corpus text fitted to its input length with the server's own count \
                (as --input-tokens), and its answer is capped at its output length (max_tokens, num_predict); \
                add --ignore-eos where the server supports it, or the model may stop earlier. Mooncake's \
                hash_ids share text: each id is the same block of about --trace-block-tokens tokens in every \
                prompt, so the server's prefix cache behaves as in production. The run ends with the trace \
                (or at --duration, if given). Excludes --qps, --arrival, --ramp, --concurrency and the warm-up; \
                --max-in-flight, --requests and --shard apply.
                """,
            valueName: "path"
        )
    )
    var trace: String?

    @Option(
        help: ArgumentHelp(
            "With --trace: replay this many times faster (2 halves every gap). Default: 1.", valueName: "factor"))
    var traceSpeed: Double?

    @Option(
        help: ArgumentHelp(
            "With --trace: replay only the entries in this span of trace time, as START-END (10m-20m, 600-1200).",
            discussion: "Counted from the trace's first entry; START becomes the run's start (before --trace-speed).",
            valueName: "start-end"
        ),
        transform: { text in
            guard let window = Trace.Window(parsing: text) else {
                throw ValidationError("--trace-window takes START-END, two durations with END after START (10m-20m)")
            }
            return window
        }
    )
    var traceWindow: Trace.Window?

    @Option(
        help: ArgumentHelp(
            "With --trace: tokens of text each hash id stands for. Default: 512, Mooncake's block size.",
            valueName: "tokens"))
    var traceBlockTokens: Int?

    /// Checks the flags against each other.
    func validate() throws {
        guard trace != nil else {
            for (flag, given) in [
                ("--trace-speed", traceSpeed != nil), ("--trace-window", traceWindow != nil),
                ("--trace-block-tokens", traceBlockTokens != nil),
            ] where given {
                throw ValidationError("\(flag) needs --trace")
            }
            return
        }
        if let traceSpeed {
            guard traceSpeed.isFinite && traceSpeed > 0 else {
                throw ValidationError("--trace-speed must be a positive number, got \(traceSpeed)")
            }
            try OptionBounds.check("--trace-speed", traceSpeed, atMost: 1e6)
        }
        if let traceBlockTokens {
            guard traceBlockTokens >= 1 else { throw ValidationError("--trace-block-tokens must be at least 1") }
            try OptionBounds.check("--trace-block-tokens", traceBlockTokens, atMost: OptionBounds.maximumTokens)
        }
    }

    /// Throws if `--trace` is given with flags that set another load or other prompts.
    func checkExclusive(
        profile: LoadProfileOptions, load: LoadOptions, prompts: PromptOptions, input: InputLengthOptions
    ) throws {
        guard trace != nil else { return }
        let other =
            [
                ("--qps", profile.qps != nil), ("--arrival", profile.arrival != .constant),
                ("--ramp", profile.ramp != nil), ("--concurrency", profile.concurrency != nil),
                ("--warmup", load.warmup != nil), ("--warmup-requests", load.warmupRequests != nil),
                ("--input-tokens", input.inputTokens != nil), ("--shared-prefix", input.sharedPrefix != nil),
            ].filter(\.1).map(\.0) + prompts.givenSources
        if let flag = other.first {
            throw ValidationError(
                "--trace and \(flag) exclude each other: the trace sets each request's instant and lengths")
        }
    }

    /// Reads the trace the flags name; `nil` without `--trace`.
    /// - Throws: ``TraceFileError`` as a `ValidationError`, naming the file and line.
    func load() throws -> Trace? {
        guard let trace else { return nil }
        do {
            return try TraceFile.load(
                path: trace, speed: traceSpeed ?? 1, window: traceWindow,
                blockTokens: traceBlockTokens ?? Trace.defaultBlockTokens)
        } catch {
            throw ValidationError(error.description)
        }
    }
}
