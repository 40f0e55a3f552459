import LLMLoadBackends
import LLMLoadCore
import LLMLoadWorkload

extension LoadRun {
    /// Fits a prompt to every entry of the trace with the server's own counts
    /// (``TraceCalibrator``).
    /// - Throws: ``RunError/prompts(_:)`` when the server cannot count or an entry's length
    ///   cannot be met (naming its line).
    func fitTracePrompts(
        _ trace: Trace, corpus: Corpus, seed: UInt64, client: HTTPInferenceClient, target: TargetDiscovery.Target,
        template: InferenceRequest, tag: PromptTag?
    ) async throws -> (TracePrompts, InputCalibration) {
        let started = ContinuousClock.now
        let redactor = SecretRedactor(secrets: [configuration.target.apiKey])
        let language = configuration.output.language
        do {
            let counting = try await makeTokenCounter(
                corpus: corpus, client: client, target: target, template: template, tag: tag)
            notify(Self.traceFittingNote(trace, detail: counting.detail, language: language))
            let fitted = try await TraceCalibrator(corpus: corpus, counter: counting.counter, tag: tag, seed: seed)
                .calibrate(trace)
            var calibration = InputCalibration(
                method: counting.method, detail: counting.detail, templateOverheadTokens: counting.overhead,
                tokensPerWord: fitted.tokensPerWord, levels: fitted.fits,
                serverCounts: fitted.serverCounts + (counting.overhead == nil ? 0 : 1),
                maxErrorTokens: fitted.maxErrorTokens, seconds: (ContinuousClock.now - started).seconds)
            calibration.raisedEntries = fitted.raisedEntries
            notify(Self.traceFittedNote(calibration, language: language))
            return (fitted.prompts, calibration)
        } catch let error as CalibrationError {
            throw RunError.prompts(redactor.redact("--trace: \(error.description)"))
        } catch let error as TokenizeError {
            throw RunError.prompts(redactor.redact("--trace: \(error.description)"))
        }
    }

    /// The line before a trace's prompts are fitted.
    static func traceFittingNote(_ trace: Trace, detail: String, language: ReportLanguage) -> String {
        let bounds = trace.inputTokenBounds
        if language == .zh {
            return "正在把 \(trace.entries.count) 条轨迹记录的提示词校准到 \(bounds.lowerBound)-\(bounds.upperBound) 个输入 token"
                + "（每个哈希块约 \(trace.blockTokens) token），方式：\(detail)…"
        }
        return "fitting the prompts of \(trace.entries.count) trace entries (\(bounds.lowerBound)-\(bounds.upperBound) "
            + "input tokens, hash blocks of about \(trace.blockTokens) tokens) with \(detail)…"
    }

    /// The line after a trace's prompts were fitted.
    static func traceFittedNote(_ calibration: InputCalibration, language: ReportLanguage) -> String {
        let seconds = (calibration.seconds * 10).rounded() / 10
        let raised = calibration.raisedEntries ?? 0
        if language == .zh {
            return "轨迹提示词已校准：\(calibration.levels) 个提示词，\(calibration.serverCounts) 次服务器计数，"
                + "用时 \(seconds) 秒，最大误差 \(calibration.maxErrorTokens) token"
                + (raised == 0 ? "" : "；\(raised) 条记录短于服务器能计数的最短提示词，按最短长度发送")
        }
        return "trace prompts fitted: \(calibration.levels) prompts, \(calibration.serverCounts) server counts in "
            + "\(seconds) s, largest error \(calibration.maxErrorTokens) token\(calibration.maxErrorTokens == 1 ? "" : "s")"
            + (raised == 0
                ? "" : "; \(raised) entries shorter than the shortest prompt the server counts are sent at that length")
    }
}
