import LLMLoadCore

extension LoadRun {
    /// The line saying which Ollama `num_ctx` every request carries.
    static func contextNote(_ contextLength: Int, isGiven: Bool, language: ReportLanguage) -> String {
        if language == .zh {
            return "Ollama num_ctx：每个请求 \(contextLength) token"
                + (isGiven ? "" : "（足以容纳最长的提示词及其回答；可用 --num-ctx 修改）")
        }
        return "Ollama num_ctx: \(contextLength) tokens for every request"
            + (isGiven ? "" : " (room for the longest prompt and its answer; --num-ctx to change)")
    }

    /// The line before the prompts are fitted to `--input-tokens`.
    /// - Parameters:
    ///   - detail: how, in English (also what `config.json` records).
    ///   - tokenizeOverhead: the chat template's tokens when the server's tokenizer counts;
    ///     `nil` when one-token requests do.
    static func fittingNote(
        _ length: InputLength, detail: String, tokenizeOverhead: Int?, language: ReportLanguage
    ) -> String {
        guard language == .zh else { return "fitting prompts to \(length) input tokens with \(detail)…" }
        let how =
            tokenizeOverhead.map { "服务器的分词器（POST /tokenize），另加一次请求测得的 \($0) 个聊天模板与特殊 token" }
            ?? "单 token 请求，读取服务器的提示词计数"
        return "正在把提示词校准到 \(length) 个输入 token，方式：\(how)…"
    }

    /// The line after the prompts were fitted, in Chinese.
    static func fittedNoteZh(_ calibration: InputCalibration, length: InputLength) -> String {
        let levels = calibration.levels == 1 ? "" : "（\(calibration.levels) 个长度，相差 2 %）"
        let shared = calibration.sharedPrefixTokens.map { "，共享前缀 \($0) token" } ?? ""
        let seconds = (calibration.seconds * 10).rounded() / 10
        return "提示词已校准到 \(length) 个输入 token\(levels)\(shared)：\(calibration.serverCounts) 次服务器计数，"
            + "用时 \(seconds) 秒，最大误差 \(calibration.maxErrorTokens) token"
    }
}
