import LLMLoadCore
import LLMLoadWorkload

/// One input as a `--trace` file, in each format and told from its first line, whole and
/// through a window, at three speeds: it gives a trace the run can replay, or a
/// `TraceFileError`.
///
/// Replayable: entries in time order from 0 (the first at 0 without a window), each inside the
/// window's span at that speed, each a line of the file, with prompt and answer lengths of 1 to
/// ``InputLength/maximumTokens`` tokens, and no more entries than the file holds.
public enum TraceFileCheck {
    static let window = Trace.Window(start: .seconds(1), end: .seconds(5))

    /// Reads a trace from its text, as `TraceFile.parse` does; a test passes a broken one.
    public typealias Parse = (_ text: String, _ format: Trace.Format?, _ speed: Double, _ window: Trace.Window?)
        throws -> Trace

    /// Throws when a trace read from `bytes` could not be replayed as read.
    public static func check(
        _ bytes: [UInt8],
        parse: Parse = { text, format, speed, window in
            try TraceFile.parse(text, path: "fuzz.trace", format: format, speed: speed, window: window)
        }
    ) throws(FuzzFinding) {
        let text = String(decoding: bytes, as: UTF8.self)
        // Counted as the reader counts them: a CRLF is one line break.
        let lineCount = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).count
        for format in [nil] + Trace.Format.allCases.map(Optional.some) {
            for window in [nil, Self.window] {
                for speed in [0.001, 1, 1000] {
                    // A refusal with its reason, as the CLI shows it: fine.
                    guard let trace = try? parse(text, format, speed, window) else { continue }
                    try check(trace, lineCount: lineCount, window: window, speed: speed)
                }
            }
        }
    }

    private static func check(_ trace: Trace, lineCount: Int, window: Trace.Window?, speed: Double)
        throws(FuzzFinding)
    {
        let setting = "\(trace.format), window \(window.map(\.description) ?? "none"), speed \(speed)"
        guard trace.fileEntries >= trace.entries.count, trace.fileEntries <= lineCount else {
            throw FuzzFinding("\(setting): \(trace.entries.count) of \(trace.fileEntries) entries, \(lineCount) lines")
        }
        if window == nil, let first = trace.entries.first, first.offset != .zero {
            throw FuzzFinding("\(setting): the first entry is due at \(first.offset), not 0")
        }
        let span = window.map { ($0.end - $0.start) / speed }
        var previous = Duration.zero
        for entry in trace.entries {
            guard entry.offset >= previous else {
                throw FuzzFinding("\(setting): line \(entry.line) due at \(entry.offset), before \(previous)")
            }
            previous = entry.offset
            if let span, entry.offset > span {
                throw FuzzFinding("\(setting): line \(entry.line) due at \(entry.offset), past the window's \(span)")
            }
            guard (1...lineCount).contains(entry.line),
                (1...InputLength.maximumTokens).contains(entry.inputTokens),
                (1...InputLength.maximumTokens).contains(entry.outputTokens)
            else { throw FuzzFinding("\(setting): an entry that cannot be replayed: \(entry)") }
        }
    }
}
