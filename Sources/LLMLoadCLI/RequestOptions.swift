import ArgumentParser
import LLMLoadCore

/// What every request of `llmload run` asks the server for, and how long it may take.
struct RequestOptions: ParsableArguments {
    @Option(help: "Maximum output tokens per request (num_predict / max_tokens). Default: the server's.")
    var maxTokens: Int?

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

    @Option(
        help: """
            Reasoning models: on or off sends Ollama's think, or chat_template_kwargs.enable_thinking \
            to an OpenAI chat server (vLLM, SGLang); auto sends nothing (the model's default).
            """)
    var think: ThinkArgument = .auto

    @Option(help: "Per-request timeout.")
    var timeout: DurationArgument = .init(.seconds(300))

    func validate() throws {
        if let maxTokens, maxTokens < 0 { throw ValidationError("--max-tokens must be zero or more") }
        try OptionBounds.check("--max-tokens", maxTokens, atMost: OptionBounds.maximumTokens)
        if let topP, !(0...1).contains(topP) { throw ValidationError("--top-p must be between 0 and 1") }
        if let temperature, !(temperature.isFinite && temperature >= 0) {
            throw ValidationError("--temperature must be zero or more")
        }
        guard timeout.duration > .zero else { throw ValidationError("--timeout must be positive") }
        try OptionBounds.check("--timeout", timeout.duration)
    }

    /// Writes the flags into `requests`.
    func apply(to requests: inout RunConfiguration.Requests) {
        requests.maxOutputTokens = maxTokens
        requests.isStreaming = !noStream
        requests.sampling = SamplingOptions(temperature: temperature, topP: topP, seed: seed)
        requests.keepAlive = keepAlive
        requests.stop = stop
        requests.ignoresEndOfSequence = ignoreEos
        requests.think = think.value
        requests.timeout = timeout.duration
    }
}

/// `--think on|off|auto`.
enum ThinkArgument: String, ExpressibleByArgument, CaseIterable {
    case on, off, auto

    /// What the request carries: `nil` for `auto`, which sends nothing.
    var value: Bool? {
        switch self {
        case .on: true
        case .off: false
        case .auto: nil
        }
    }
}
