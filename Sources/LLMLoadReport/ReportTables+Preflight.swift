import LLMLoadCore

extension ReportTables {
    /// The pre-flight findings as the report's block: the level's label in the report's
    /// language, the text in the language (English when the finding has no Chinese), and whether it
    /// is a warning.
    static func preflight(_ findings: [PreflightFinding], _ language: ReportLanguage) -> [Row] {
        findings.map { finding in
            [
                "label": ReportText.label("preflight_" + finding.level.rawValue, language),
                "text": finding.text(language),
                "isWarning": finding.level == .warning,
            ]
        }
    }
}
