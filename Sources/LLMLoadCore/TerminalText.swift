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

    /// The columns `text` takes on a terminal: two for each East Asian wide or full-width
    /// character (Chinese, Japanese, Korean, full-width punctuation), none for a combining mark,
    /// one for the rest. Enough to align the console's tables; not the whole of UAX #11.
    public static func width(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { total, scalar in
            switch scalar.value {
            case 0x0300...0x036F, 0x200B...0x200F: total
            case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
                0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
                0x20000...0x3FFFD:
                total + 2
            default: total + 1
            }
        }
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
