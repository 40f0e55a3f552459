import Foundation
import LLMLoadBackends
import LLMLoadCore
import LLMLoadWorkload

extension LoadRun {
    /// The prompts of the run: `--prompts` file, else `--prompt`, else the built-in set; then
    /// `--template`, then a seeded shuffle. Synthetic prompts (`--input-tokens`) are made by
    /// ``fitSyntheticPrompts(_:client:target:tag:)`` once the target is known.
    static func makePrompts(_ requests: RunConfiguration.Requests) throws(PromptFileError) -> PromptCycle {
        var prompts: PromptCycle
        if let path = requests.promptFile {
            prompts = PromptCycle(try PromptFile.load(path: path))
        } else if let prompt = requests.prompt {
            prompts = PromptCycle([prompt])
        } else {
            prompts = PromptCycle.builtIn
        }
        if let text = requests.template {
            let template = try PromptTemplate(text)
            prompts = PromptCycle(prompts.prompts.map(template.apply))
        }
        if let seed = requests.shuffleSeed { prompts = prompts.shuffled(seed: seed) }
        return prompts
    }

    /// The corpus synthetic prompts are cut from.
    static func makeCorpus(_ requests: RunConfiguration.Requests) throws(CorpusError) -> Corpus {
        guard let path = requests.corpusFile else { return .builtIn }
        return try Corpus.load(path: path)
    }

    /// Ollama's context window for the run: as asked, or, with `--input-tokens`, room for the
    /// longest prompt and its answer (in steps of 256); `nil` leaves the server's default.
    func contextLength(for api: APIKind) -> Int? {
        guard api.isOllama else { return nil }
        if let asked = configuration.requests.contextLength { return asked }
        guard let length = configuration.requests.inputLength else { return nil }
        let needed = length.bounds.upperBound + (configuration.requests.maxOutputTokens ?? 1024) + 64
        return (needed + 255) / 256 * 256
    }

    /// Fits corpus text to the lengths of `--input-tokens` with the server's own counts.
    /// - Throws: ``RunError/prompts(_:)`` when the server cannot count or a length cannot be met.
    func fitSyntheticPrompts(
        _ length: InputLength, corpus: Corpus, client: HTTPInferenceClient, target: TargetDiscovery.Target,
        template: InferenceRequest, tag: PromptTag?
    ) async throws -> (SyntheticPrompts, InputCalibration) {
        let started = ContinuousClock.now
        let requests = configuration.requests
        let baseURL = configuration.target.baseURL
        let headers = configuration.target.headers
        let generation = GenerationTokenCounter(
            client: client, api: target.api.makeAPI(), baseURL: baseURL, template: template, headers: headers,
            timeout: requests.timeout)
        var counter: any TokenCounter = generation
        var method = "generation"
        var detail = "one-token requests to \(target.api.path), reading the server's prompt count"
        var overhead: Int?
        do {
            if !target.api.isOllama,
                let endpoint = await TokenizeEndpoint.probe(
                    baseURL: baseURL, model: target.model, headers: headers, using: client, timeout: requests.timeout)
            {
                // The template's share: one real request against the tokenizer's count of the same text.
                let probe = (tag?.text(forRequest: 999) ?? "") + corpus.window(from: 0, words: 60)
                let measured = try await generation.count(probe) - endpoint.count(probe)
                counter = TokenizeTokenCounter(endpoint: endpoint, overhead: measured)
                method = "tokenize"
                detail =
                    "the server's tokenizer (\(endpoint.dialect.rawValue) POST /tokenize), "
                    + "plus \(measured) token\(measured == 1 ? "" : "s") of chat template and special tokens measured with one request"
                overhead = measured
            }
            notify("fitting prompts to \(length) input tokens with \(detail)…")
            let calibrator = PromptCalibrator(corpus: corpus, counter: counter, tag: tag, seed: requests.inputSeed)
            let fitted = try await calibrator.calibrate(
                levels: SyntheticPrompts.levels(for: length), sharedPrefixTokens: requests.sharedPrefixTokens)
            let prompts = SyntheticPrompts(
                length: length, seed: requests.inputSeed, sharedPrefix: fitted.sharedPrefix, bodies: fitted.bodies)
            let calibration = InputCalibration(
                method: method, detail: detail, templateOverheadTokens: overhead, tokensPerWord: fitted.tokensPerWord,
                levels: prompts.levels.count, serverCounts: fitted.serverCounts + (overhead == nil ? 0 : 1),
                maxErrorTokens: fitted.maxErrorTokens, sharedPrefixTokens: fitted.sharedPrefixTokens,
                contextLength: template.contextLength, seconds: (ContinuousClock.now - started).seconds)
            return (prompts, calibration)
        } catch let error as CalibrationError {
            throw RunError.prompts("--input-tokens: \(error.description)")
        } catch let error as TokenizeError {
            throw RunError.prompts("--input-tokens: \(error.description)")
        }
    }

    /// One line on how the prompts were fitted.
    static func describe(_ calibration: InputCalibration, length: InputLength) -> String {
        let levels = calibration.levels == 1 ? "" : " (\(calibration.levels) lengths 2 % apart)"
        let shared = calibration.sharedPrefixTokens.map { ", shared prefix \($0) tokens" } ?? ""
        let seconds = (calibration.seconds * 10).rounded() / 10
        return "prompts fitted to \(length) input tokens\(levels)\(shared): \(calibration.serverCounts) server counts "
            + "in \(seconds) s, largest error \(calibration.maxErrorTokens) token"
            + (calibration.maxErrorTokens == 1 ? "" : "s")
    }
}
