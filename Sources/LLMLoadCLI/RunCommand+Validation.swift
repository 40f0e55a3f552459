import ArgumentParser
import Foundation
import LLMLoadCore

extension RunCommand {
    /// Checks every option before anything is created or contacted: a bad value is a
    /// `ValidationError` (exit status 64) with the option's name.
    func validate() throws {
        if let qps, !(qps.isFinite && qps > 0) {
            throw ValidationError("--qps must be a positive number, got \(qps)")
        }
        try profile.validate(qpsGiven: qps != nil)
        guard duration.duration > .zero else { throw ValidationError("--duration must be positive") }
        if prompt != nil && prompts != nil {
            throw ValidationError("--prompt and --prompts exclude each other: give one prompt or a file of them")
        }
        try input.validate(
            otherSources: [
                ("--prompt", prompt != nil), ("--prompts", prompts != nil), ("--template", template != nil),
                ("--shuffle-seed", shuffleSeed != nil),
            ].filter(\.1).map(\.0))
        guard timeout.duration > .zero else { throw ValidationError("--timeout must be positive") }
        if let drainTimeout, drainTimeout.duration < .zero {
            throw ValidationError("--drain-timeout must be zero or more")
        }
        guard termGrace.duration >= .zero else { throw ValidationError("--term-grace must be zero or more") }
        if let requests, requests < 1 { throw ValidationError("--requests must be at least 1") }
        if warmup != nil && warmupRequests != nil {
            throw ValidationError("--warmup and --warmup-requests exclude each other")
        }
        if let warmup, warmup.duration <= .zero { throw ValidationError("--warmup must be positive") }
        if let warmupRequests, warmupRequests < 1 { throw ValidationError("--warmup-requests must be at least 1") }
        if let maxTokens, maxTokens < 0 { throw ValidationError("--max-tokens must be zero or more") }
        if let topP, !(0...1).contains(topP) { throw ValidationError("--top-p must be between 0 and 1") }
        if let temperature, !(temperature.isFinite && temperature >= 0) {
            throw ValidationError("--temperature must be zero or more")
        }
        if simulate && url != nil { throw ValidationError("--simulate and --url exclude each other") }
        if let model, model.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--model must not be empty")
        }
        if let url { _ = try parsedURL(url) }
        if ignoreEos && maxTokens == nil { throw ValidationError("--ignore-eos needs --max-tokens") }
        if ignoreEos, let api, api.isOllama {
            throw ValidationError("--ignore-eos is not supported by Ollama's native API")
        }
        if let apiKey, apiKey.isEmpty { throw ValidationError("--api-key must not be empty") }
        try checkAPIKeyCharacters()
        if let slo {
            do { _ = try ServiceLevelObjectives.parse(slo) } catch { throw ValidationError("\(error)") }
        }
        try checkBounds()
        if let failOnSlo {
            guard slo != nil else { throw ValidationError("--fail-on-slo needs --slo") }
            guard (0...1).contains(failOnSlo) else { throw ValidationError("--fail-on-slo must be between 0 and 1") }
        }
    }

    func parsedURL(_ text: String) throws -> TargetURL.Parsed {
        do {
            return try TargetURL.parse(text)
        } catch {
            throw ValidationError("\(error)")
        }
    }

    /// Absurd numbers (`--qps 1e19`, `--concurrency 1000000000`, a warm-up of centuries) are
    /// refused here, before the run folder is created, rather than trapping or queueing for ever.
    private func checkBounds() throws {
        try OptionBounds.check("--qps", qps, atMost: OptionBounds.maximumRatePerSecond)
        try OptionBounds.check("--requests", requests, atMost: OptionBounds.maximumRequests)
        try OptionBounds.check("--warmup-requests", warmupRequests, atMost: OptionBounds.maximumRequests)
        try OptionBounds.check("--max-tokens", maxTokens, atMost: OptionBounds.maximumTokens)
        for (option, value) in [
            ("--duration", duration.duration), ("--timeout", timeout.duration),
            ("--drain-timeout", drainTimeout?.duration),
            ("--warmup", warmup?.duration), ("--term-grace", termGrace.duration),
        ] {
            try OptionBounds.check(option, value)
        }
        if let warmupRequests {
            let (loadProfile, rate) = profile.profile(qps: qps ?? 1)
            let seconds: Double =
                switch loadProfile {
                case .ramp(let ramp): ramp.arrivalSeconds(Double(warmupRequests))
                case .closedLoop: 0
                case .constant, .poisson: Double(warmupRequests) / rate
                }
            guard seconds.isFinite, seconds <= OptionBounds.maximumDuration.seconds else {
                throw ValidationError(
                    "--warmup-requests \(warmupRequests) would take longer than 30 days at this rate: send fewer or faster"
                )
            }
        }
    }

    /// A key with a control character (the `\r` of a CRLF `.env` file) cannot be sent as a
    /// header, and the HTTP library's error would echo it: refuse it here, without showing it.
    private func checkAPIKeyCharacters() throws {
        let fromEnvironment = ProcessInfo.processInfo.environment["OPENAI_API_KEY"]
        guard let key = apiKey ?? fromEnvironment,
            key.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { return }
        throw ValidationError(
            "\(apiKey != nil ? "--api-key" : "$OPENAI_API_KEY") contains a control character (a line end from a CRLF .env file?): remove it (the key is not shown)"
        )
    }
}
