import Foundation

/// The language of `report.html` (every label, the warnings and the number units).
public enum ReportLanguage: String, Sendable, CaseIterable, Codable {
    case en
    case zh

    /// The language the user's locale asks for: Chinese when `LC_ALL`, `LC_MESSAGES` or `LANG`
    /// (the first one set, as POSIX orders them) starts with `zh`, else English.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Self {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
        return locale?.lowercased().hasPrefix("zh") == true ? .zh : .en
    }
}
