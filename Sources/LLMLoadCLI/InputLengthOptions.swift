import ArgumentParser
import LLMLoadCore

/// The synthetic-prompt flags of `llmload run`: prompts of a length the server counts.
struct InputLengthOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Prompts of this many tokens as the server counts them: N, LOW-HIGH or normal:MEAN,STDDEV.",
            discussion: """
                Text is cut from a built-in English corpus (or --corpus) and fitted before the load with \
                the server's own count (llama.cpp/vLLM POST /tokenize, else one-token requests), to \
                within 0.2 %. Every request's count is compared with its target; prompts the server cut \
                are reported.
                """,
            valueName: "tokens"
        ),
        transform: { try InputLength.parse($0) }
    )
    var inputTokens: InputLength?

    @Option(
        help:
            "With --input-tokens: the first N tokens of every prompt are the same text, for the server's prefix cache.")
    var sharedPrefix: Int?

    @Option(
        help: "With --input-tokens or --trace: a UTF-8 text file to cut prompts from instead of the built-in corpus.")
    var corpus: String?

    @Option(help: "With --input-tokens or --trace: seed of the prompts' lengths and places in the corpus. Default: 42.")
    var inputSeed: UInt64?

    @Option(
        help: """
            Ollama only: the context window (options.num_ctx) of every request. Default: with \
            --input-tokens, room for the longest prompt and --max-tokens; else Ollama's.
            """
    )
    var numCtx: Int?

    /// Checks the flags against each other.
    func validate() throws {
        if let numCtx, numCtx < 1 { throw ValidationError("--num-ctx must be at least 1") }
        try OptionBounds.check("--num-ctx", numCtx, atMost: OptionBounds.maximumTokens)
        try OptionBounds.check("--shared-prefix", sharedPrefix, atMost: OptionBounds.maximumTokens)
        guard let inputTokens else {
            // --corpus and --input-seed serve --trace too: checked with it (`checkSource`).
            if sharedPrefix != nil { throw ValidationError("--shared-prefix needs --input-tokens") }
            return
        }
        if let sharedPrefix {
            guard sharedPrefix >= 1 else { throw ValidationError("--shared-prefix must be at least 1") }
            guard sharedPrefix < inputTokens.bounds.lowerBound else {
                throw ValidationError(
                    "--shared-prefix \(sharedPrefix) leaves no room: the shortest prompt of --input-tokens \(inputTokens) is \(inputTokens.bounds.lowerBound) tokens"
                )
            }
        }
        if let numCtx, numCtx < inputTokens.bounds.upperBound {
            throw ValidationError(
                "--num-ctx \(numCtx) is below the longest prompt of --input-tokens \(inputTokens): Ollama would cut it")
        }
    }

    /// Throws if `--input-tokens` is given with any of `otherSources`, the flags that give
    /// prompts instead (``PromptOptions/givenSources``).
    func checkExclusive(with otherSources: [String]) throws {
        guard inputTokens != nil, let other = otherSources.first else { return }
        throw ValidationError(
            "--input-tokens and \(other) exclude each other: prompts are either fitted text or given")
    }

    /// Throws if `--corpus` or `--input-seed` is given without prompts to cut (`--input-tokens`,
    /// or a trace to replay).
    func checkSource(hasTrace: Bool) throws {
        guard inputTokens == nil, !hasTrace else { return }
        for (flag, given) in [("--corpus", corpus != nil), ("--input-seed", inputSeed != nil)] where given {
            throw ValidationError("\(flag) needs --input-tokens or --trace")
        }
    }

    /// The trace prompts' corpus and seed.
    var traceSettings: RunConfiguration.TracePromptSettings {
        RunConfiguration.TracePromptSettings(
            corpusFile: corpus, seed: inputSeed ?? RunConfiguration.SyntheticPromptSettings.defaultSeed)
    }

    /// The synthetic prompts the flags ask for; `nil` without `--input-tokens`.
    var synthetic: RunConfiguration.SyntheticPromptSettings? {
        inputTokens.map {
            RunConfiguration.SyntheticPromptSettings(
                length: $0, sharedPrefixTokens: sharedPrefix, corpusFile: corpus,
                seed: inputSeed ?? RunConfiguration.SyntheticPromptSettings.defaultSeed)
        }
    }
}
