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
}
