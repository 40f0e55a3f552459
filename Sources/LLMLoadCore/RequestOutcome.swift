/// How one request ended. A closed set with stable `snake_case` raw values: reports group by it,
/// and the specifics (HTTP status, server message) live beside it in ``RequestRecord``.
public enum RequestOutcome: String, Sendable, Codable, CaseIterable, Comparable {
    /// The stream ended with its terminator (`done: true`, `[DONE]` or a finish reason) and no error.
    case ok
    /// The server answered with a non-2xx status.
    case httpError = "http_error"
    /// The per-request timeout (`--timeout`) expired first.
    case timeout
    /// No connection could be made, or it broke while the response was being read.
    case connectionError = "connection_error"
    /// The response was malformed, carried an error object, or ended without its terminator.
    case streamError = "stream_error"
    /// Stopped by the tool itself: the drain grace period ran out, or the user interrupted the run.
    case cancelled

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
