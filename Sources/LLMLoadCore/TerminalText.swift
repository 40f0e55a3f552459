/// Text from a server (error messages, model names, versions) made safe to print on a
/// terminal: control characters are shown escaped (`\u{1B}`), so a hostile server cannot move
/// the cursor, rewrite earlier lines, set the window title or hide text with escape sequences.
public enum TerminalText {
    /// `text` with every C0 control character (ESC included) except the line feed and tab,
    /// DEL and every C1 control character written as `\u{XX}`.
    /// - Parameter keepsLineBreaks: `false` escapes line feeds too (for a one-line message).
    public static func escaped(_ text: String, keepsLineBreaks: Bool = true) -> String {
        guard text.unicodeScalars.contains(where: { isEscaped($0, keepsLineBreaks: keepsLineBreaks) }) else {
            return text
        }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isEscaped(scalar, keepsLineBreaks: keepsLineBreaks) {
                result.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    private static func isEscaped(_ scalar: Unicode.Scalar, keepsLineBreaks: Bool) -> Bool {
        switch scalar.value {
        case 0x0A: !keepsLineBreaks
        case 0x09: false
        case 0x00...0x1F, 0x7F...0x9F: true
        default: false
        }
    }
}
