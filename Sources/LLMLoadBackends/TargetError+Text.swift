import LLMLoadCore

extension TargetError {
    /// The message in `language`: ``description`` in English, the same facts in Chinese (the
    /// URL, the server's reason and the flags as they are).
    public func text(_ language: ReportLanguage) -> String {
        guard language == .zh else { return description }
        switch self {
        case .unreachable(let url, let reason) where reason.hasPrefix("TLS"):
            return "无法连接 \(url)：\(reason)"
        case .unreachable(let url, let reason):
            return "无法连接 \(url)：\(reason)。服务器是否在运行？URL 是否正确？"
        case .unexpectedAnswer(let url, let detail):
            return "\(url) 的应答不符合预期（\(detail)）"
        case .unknownAPI(let url, let detail):
            return "无法判断 \(url) 使用哪种 API（\(detail)）；请用 --api 指定"
        case .unauthorized(let url, let status, let hasKey):
            return hasKey
                ? "\(url) 拒绝了 API 密钥（HTTP \(status)）"
                : "\(url) 需要 API 密钥（HTTP \(status)）：请提供 --api-key 或设置 OPENAI_API_KEY"
        case .modelNotGiven(let available):
            return available.isEmpty
                ? "未指定 --model，且服务器没有列出任何模型"
                : "未指定 --model，而服务器列出了多个模型：\(available.joined(separator: ", "))"
        case .unknownModel(let model, let available):
            return "服务器上没有模型 \"\(model)\""
                + (available.isEmpty ? "（它没有列出任何模型）" : "；它有：\(available.joined(separator: ", "))")
        }
    }
}
