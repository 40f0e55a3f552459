import LLMLoadCore

/// Why a run could not start. Messages never contain the API key.
public enum RunError: Error, CustomStringConvertible {
    case target(String)
    /// The resource monitor cannot watch what was asked (a process, a GPU).
    case monitor(String)
    /// The prompt file or template cannot be used.
    case prompts(String)
    /// `--strict-preflight` and the pre-flight check warned: nothing was sent.
    case preflight([String])
    /// A stop (Ctrl-C, SIGTERM) arrived before the load started: nothing was sent or written.
    case interrupted
    /// `--start-at` had passed by the time the checks before the load were done.
    case startPassed(String)

    public var description: String {
        switch self {
        case .target(let message): message
        case .monitor(let message): message
        case .prompts(let message): message
        case .preflight(let warnings):
            "the pre-flight check warned (--strict-preflight stops the run; no load was sent):"
                + warnings.map { "\n  " + $0 }.joined()
        case .interrupted: "interrupted before the load started: nothing was sent, no run folder was made"
        case .startPassed(let message): message
        }
    }

    /// The message in `language`. A target's message is already in the run's language (the
    /// runner writes it); a monitor's or prompts' detail stays English, after a Chinese lead.
    public func text(_ language: ReportLanguage) -> String {
        guard language == .zh else { return description }
        switch self {
        case .target(let message): return message
        case .monitor(let message): return "无法监测所要求的进程或 GPU：\(message)"
        case .prompts(let message): return "提示词无法使用：\(message)"
        case .preflight(let warnings):
            return "预检发出了警告（--strict-preflight 会停止运行；未发送任何负载）："
                + warnings.map { "\n  " + $0 }.joined()
        case .interrupted: return "负载开始前被中断：未发送任何请求，也未创建运行目录"
        case .startPassed(let message): return "--start-at 的时刻已过或太近，未发送任何负载：\(message)"
        }
    }
}
