import ArgumentParser
import LLMLoadCore

/// The prompts `llmload run` sends when they are given rather than fitted to a length
/// (``InputLengthOptions``).
struct PromptOptions: ParsableArguments {
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

    func validate() throws {
        if prompt != nil && prompts != nil {
            throw ValidationError("--prompt and --prompts exclude each other: give one prompt or a file of them")
        }
    }

    /// The flags given that name where prompts come from (`--input-tokens` excludes them).
    var givenSources: [String] {
        [
            ("--prompt", prompt != nil), ("--prompts", prompts != nil), ("--template", template != nil),
            ("--shuffle-seed", shuffleSeed != nil),
        ].filter(\.1).map(\.0)
    }

    /// The prompts the flags give (the built-in set unless `--prompt` or `--prompts`).
    var given: RunConfiguration.GivenPrompts {
        let origin: RunConfiguration.GivenPrompts.Origin =
            if let prompts { .file(path: prompts) } else if let prompt { .fixed(prompt) } else { .builtIn }
        return RunConfiguration.GivenPrompts(origin: origin, template: template, shuffleSeed: shuffleSeed)
    }
}
