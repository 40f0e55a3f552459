import Foundation
import LLMLoadBackends
import LLMLoadCore
import LLMLoadWorkload

/// Where a run's prompts come from, settled before the target is contacted.
enum PromptPlan {
    /// From `--prompts`, `--prompt` or the built-in set.
    case given(PromptCycle)
    /// Fitted to `--input-tokens` once the target can count them.
    case synthetic(RunConfiguration.SyntheticPromptSettings, Corpus)
    /// Fitted to each entry of a replayed trace once the target can count them.
    case trace(Trace, Corpus, seed: UInt64)
}

/// What each request of a run is made from, settled before the load starts.
struct PreparedWorkload: Sendable {
    var prompts: any PromptSource
    /// Every request is this one with its prompt filled in.
    var template: InferenceRequest
    var tag: PromptTag
    /// How synthetic prompts were fitted; `nil` without `--input-tokens`.
    var calibration: InputCalibration?
    /// With `--turns`: each conversation's user turns, over ``prompts``.
    var conversations: ConversationPlan?
}

extension LoadRun {
    /// Runs a phase before the load (discovery, `/tokenize`, prompt fitting) so that a stop
    /// request (Ctrl-C, SIGTERM) ends it at once: the phase is cancelled and
    /// ``RunError/interrupted`` thrown, before any run folder exists. A stop that lands just
    /// after the phase is honoured too. Marks the load as started when the phase ends.
    func beforeLoad<Value: Sendable>(_ phase: @escaping @Sendable () async throws -> Value) async throws -> Value {
        let value = try await withThrowingTaskGroup(of: Value?.self) { group in
            group.addTask { try await phase() }
            group.addTask {
                await stop.stopSending.wait()
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else { throw RunError.interrupted }
            return value
        }
        guard !stop.isRequested else { throw RunError.interrupted }
        stop.loadStarted.set()
        return value
    }

    /// Reads the prompt file or the corpus, so a bad one stops the run before anything is sent.
    static func makePromptPlan(_ configuration: RunConfiguration) throws(RunError) -> PromptPlan {
        if configuration.load.trace == nil, case .trace = configuration.requests.prompts {
            throw .prompts("prompts fitted to a trace need a trace to replay (--trace)")
        }
        do {
            if let trace = configuration.load.trace {
                // A trace's prompts are always fitted to its lengths.
                var settings = RunConfiguration.TracePromptSettings()
                if case .trace(let given) = configuration.requests.prompts { settings = given }
                return .trace(trace, try makeCorpus(settings.corpusFile), seed: settings.seed)
            }
            switch configuration.requests.prompts {
            case .given(let given): return .given(try makePrompts(given))
            case .synthetic(let settings): return .synthetic(settings, try makeCorpus(settings.corpusFile))
            case .trace: preconditionFailure("refused above")
            }
        } catch let error as CorpusError {
            throw .prompts(error.description)
        } catch let error as PromptFileError {
            throw .prompts(error.description)
        } catch {
            throw .prompts("\(error)")
        }
    }

    /// What every request is made from: the request template (with Ollama's `num_ctx`), the run's
    /// tag, and the prompts, fitted to the server now if they are synthetic.
    func prepareWorkload(
        _ plan: PromptPlan, client: HTTPInferenceClient, target: TargetDiscovery.Target
    ) async throws -> PreparedWorkload {
        let requests = configuration.requests
        let contextLength = contextLength(for: target.api)
        let template = InferenceRequest(
            model: target.model, prompt: "", maxOutputTokens: requests.maxOutputTokens,
            isStreaming: requests.isStreaming, sampling: requests.sampling, keepAlive: requests.keepAlive,
            stop: requests.stop, ignoresEndOfSequence: requests.ignoresEndOfSequence, contextLength: contextLength,
            think: requests.think
        )
        if let contextLength {
            notify(
                Self.contextNote(
                    contextLength, isGiven: requests.contextLength != nil, language: configuration.output.language))
        }
        // Shards of one load share the tag, so together they send what one process would.
        let tag = configuration.load.coordination.map { PromptTag(run: $0.runID) } ?? PromptTag.random()
        switch plan {
        case .given(let prompts):
            return PreparedWorkload(
                prompts: prompts, template: template, tag: tag,
                conversations: configuration.load.conversationTurns.map { ConversationPlan(prompts, turns: $0) })
        case .synthetic(let settings, let corpus):
            let length = settings.length
            let (prompts, calibration) = try await fitSyntheticPrompts(
                settings, corpus: corpus, client: client, target: target, template: template,
                tag: requests.isUniquePrefix ? tag : nil)
            notify(Self.describe(calibration, length: length, language: configuration.output.language))
            return PreparedWorkload(
                prompts: prompts, template: template, tag: tag, calibration: calibration,
                conversations: configuration.load.conversationTurns.map {
                    ConversationPlan(prompts: prompts, turns: $0, isRecorded: false)
                })
        case .trace(let trace, let corpus, let seed):
            let (prompts, calibration) = try await fitTracePrompts(
                trace, corpus: corpus, seed: seed, client: client, target: target, template: template,
                tag: requests.isUniquePrefix ? tag : nil)
            return PreparedWorkload(prompts: prompts, template: template, tag: tag, calibration: calibration)
        }
    }

    /// The prompts of the run: `--prompts` file, else `--prompt`, else the built-in set; then
    /// `--template`, then a seeded shuffle.
    static func makePrompts(_ given: RunConfiguration.GivenPrompts) throws(PromptFileError) -> PromptCycle {
        var prompts =
            switch given.origin {
            case .file(let path): PromptCycle(try PromptFile.load(path: path))
            case .fixed(let prompt): PromptCycle([prompt])
            case .builtIn: PromptCycle.builtIn
            }
        if let text = given.template {
            let template = try PromptTemplate(text)
            prompts = PromptCycle(prompts.prompts.map(template.apply))
        }
        if let seed = given.shuffleSeed { prompts = prompts.shuffled(seed: seed) }
        return prompts
    }

    /// The corpus synthetic and trace prompts are cut from: the file, else the built-in one.
    static func makeCorpus(_ path: String?) throws(CorpusError) -> Corpus {
        guard let path else { return .builtIn }
        return try Corpus.load(path: path)
    }

    /// Ollama's context window for the run: as asked, or, with `--input-tokens`, room for the
    /// longest prompt and its answer (in steps of 256), times the turns of a conversation
    /// (`--turns`: the last turn carries every earlier one, and Ollama would cut the history
    /// silently at its window); `nil` leaves the server's default.
    func contextLength(for api: APIKind) -> Int? {
        guard api.isOllama else { return nil }
        if let asked = configuration.requests.contextLength { return asked }
        guard let lengths = configuration.fittedInputTokens else { return nil }
        let turn = lengths.upperBound + (configuration.longestAnswerTokens ?? 1024)
        let needed = turn * (configuration.load.conversationTurns ?? 1) + 64
        return (needed + 255) / 256 * 256
    }

    /// Fits corpus text to the lengths of `--input-tokens` with the server's own counts.
    /// - Throws: ``RunError/prompts(_:)`` when the server cannot count or a length cannot be met.
    func fitSyntheticPrompts(
        _ settings: RunConfiguration.SyntheticPromptSettings, corpus: Corpus, client: HTTPInferenceClient,
        target: TargetDiscovery.Target,
        template: InferenceRequest, tag: PromptTag?
    ) async throws -> (SyntheticPrompts, InputCalibration) {
        let started = ContinuousClock.now
        let length = settings.length
        // A server may echo the key in an error that ends the fitting.
        let redactor = SecretRedactor(secrets: [configuration.target.apiKey])
        do {
            let counting = try await makeTokenCounter(
                corpus: corpus, client: client, target: target, template: template, tag: tag)
            notify(
                Self.fittingNote(
                    length, detail: counting.detail, tokenizeOverhead: counting.overhead,
                    language: configuration.output.language))
            let calibrator = PromptCalibrator(corpus: corpus, counter: counting.counter, tag: tag, seed: settings.seed)
            let fitted = try await calibrator.calibrate(
                levels: SyntheticPrompts.levels(for: length), sharedPrefixTokens: settings.sharedPrefixTokens)
            let prompts = SyntheticPrompts(
                length: length, seed: settings.seed, sharedPrefix: fitted.sharedPrefix, bodies: fitted.bodies)
            let calibration = InputCalibration(
                method: counting.method, detail: counting.detail, templateOverheadTokens: counting.overhead,
                tokensPerWord: fitted.tokensPerWord, levels: prompts.levels.count,
                serverCounts: fitted.serverCounts + (counting.overhead == nil ? 0 : 1),
                maxErrorTokens: fitted.maxErrorTokens, sharedPrefixTokens: fitted.sharedPrefixTokens,
                seconds: (ContinuousClock.now - started).seconds)
            return (prompts, calibration)
        } catch let error as CalibrationError {
            throw RunError.prompts(redactor.redact("--input-tokens: \(error.description)"))
        } catch let error as TokenizeError {
            throw RunError.prompts(redactor.redact("--input-tokens: \(error.description)"))
        }
    }

    /// How prompt tokens are counted as the server counts them: its `/tokenize` plus the chat
    /// template's share measured with one request, where it has one; else one-token requests.
    struct TokenCounting: Sendable {
        var counter: any TokenCounter
        /// `tokenize` or `generation`, and in words.
        var method: String
        var detail: String
        /// The template's share added to `/tokenize`'s counts; `nil` for generation counts.
        var overhead: Int?
    }

    /// The counter prompts are fitted with (``TokenCounting``).
    func makeTokenCounter(
        corpus: Corpus, client: HTTPInferenceClient, target: TargetDiscovery.Target, template: InferenceRequest,
        tag: PromptTag?
    ) async throws -> TokenCounting {
        let requests = configuration.requests
        let baseURL = configuration.target.baseURL
        let headers = configuration.target.headers
        let generation = GenerationTokenCounter(
            client: client, api: target.api.makeAPI(), baseURL: baseURL, template: template, headers: headers,
            timeout: requests.timeout)
        guard !target.api.isOllama,
            let endpoint = await TokenizeEndpoint.probe(
                baseURL: baseURL, model: target.model, headers: headers, using: client, timeout: requests.timeout)
        else {
            return TokenCounting(
                counter: generation, method: "generation",
                detail: "one-token requests to \(target.api.path), reading the server's prompt count")
        }
        // The template's share: one real request against the tokenizer's count of the same text.
        let probe = (tag?.text(forRequest: 999) ?? "") + corpus.window(from: 0, words: 60)
        let measured = try await generation.count(probe) - endpoint.count(probe)
        return TokenCounting(
            counter: TokenizeTokenCounter(endpoint: endpoint, overhead: measured), method: "tokenize",
            detail: "the server's tokenizer (\(endpoint.dialect.rawValue) POST /tokenize), "
                + "plus \(measured) token\(measured == 1 ? "" : "s") of chat template and special tokens measured with one request",
            overhead: measured)
    }

    /// One line on how the prompts were fitted.
    static func describe(_ calibration: InputCalibration, length: InputLength, language: ReportLanguage = .en) -> String
    {
        if language == .zh { return fittedNoteZh(calibration, length: length) }
        let levels = calibration.levels == 1 ? "" : " (\(calibration.levels) lengths 2 % apart)"
        let shared = calibration.sharedPrefixTokens.map { ", shared prefix \($0) tokens" } ?? ""
        let seconds = (calibration.seconds * 10).rounded() / 10
        return "prompts fitted to \(length) input tokens\(levels)\(shared): \(calibration.serverCounts) server counts "
            + "in \(seconds) s, largest error \(calibration.maxErrorTokens) token"
            + (calibration.maxErrorTokens == 1 ? "" : "s")
    }
}

extension LoadRun {
    /// `--turns` needs a closed loop (a user answers, thinks, then asks the next turn) and a
    /// chat API (a completion API takes one prompt, with no roles to hold the server's answers).
    /// - Throws: ``RunError/target(_:)``, in `language`, before anything is sent.
    static func checkConversations(
        _ load: RunConfiguration.Load, api: APIKind, language: ReportLanguage
    ) throws(RunError) {
        guard let turns = load.conversationTurns else { return }
        let zh = language == .zh
        guard load.closedLoopUsers != nil else {
            throw .target(
                zh
                    ? "--turns \(turns) 需要闭环负载（--concurrency）：每一轮都要等上一轮的回答"
                    : "--turns \(turns) needs a closed loop (--concurrency): a turn follows its answer")
        }
        guard api == .openAIChat || api == .ollamaChat else {
            throw .target(
                zh
                    ? "--turns 需要对话接口（/v1/chat/completions 或 /api/chat），而不是 \(api.path)：补全接口只接受一个提示词，放不下服务器的回答"
                    : "--turns needs a chat API (/v1/chat/completions or /api/chat), not \(api.path): "
                        + "a completion API takes one prompt, with no place for the server's answers")
        }
    }
}
