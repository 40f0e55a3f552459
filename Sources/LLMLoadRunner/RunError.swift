/// Why a run could not start. Messages never contain the API key.
public enum RunError: Error, CustomStringConvertible {
    case target(String)

    public var description: String {
        switch self {
        case .target(let message): message
        }
    }
}
