/// One line of the pre-flight check: what the target said about its own state before the
/// load (slots, context, whether the model is loaded), judged against the load asked for.
///
/// Stored in the run's description (`run_description.preflight`), printed as one block before
/// the load and shown in `report.html`, each in the run's language: ``text`` in English,
/// ``chineseText`` in Chinese (absent in files from before it existed).
public struct PreflightFinding: Sendable, Codable, Equatable {
    /// How much a finding matters.
    public enum Level: String, Sendable, Codable, Equatable {
        /// A fact about the server.
        case info
        /// Something that will distort the figures; `--strict-preflight` stops the run on it.
        case warning
        /// A check that could not be made (no such endpoint, another kind of server, no answer).
        case unavailable
    }

    public var level: Level
    public var text: String
    /// The same finding in Chinese; `nil` when it has none (the English stands in).
    public var chineseText: String?

    public init(_ level: Level, _ text: String, zh chineseText: String? = nil) {
        self.level = level
        self.text = text
        self.chineseText = chineseText
    }

    /// The finding's text in `language`.
    public func text(_ language: ReportLanguage) -> String {
        language == .zh ? chineseText ?? text : text
    }

    /// The finding as one console line: `warning: …`.
    public var line: String { "\(level.rawValue): \(text)" }

    /// The finding as one console line in `language` (`警告: …`).
    public func line(_ language: ReportLanguage) -> String {
        guard language == .zh else { return line }
        let word =
            switch level {
            case .info: "信息"
            case .warning: "警告"
            case .unavailable: "无法检查"
            }
        return "\(word): \(text(.zh))"
    }
}
