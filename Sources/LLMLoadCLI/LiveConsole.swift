import Foundation
import LLMLoadCore
import LLMLoadRunner
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The live status of a run on standard error (standard output carries only the summary).
///
/// On a terminal: one line, rewritten in place about four times a second (`\r` and erase-line),
/// cut to the terminal's width so it never wraps. Elsewhere (CI logs, a pipe): a plain line every
/// five seconds. It uses no colour, so `NO_COLOR` has nothing to turn off.
final class LiveConsole: Sendable {
    /// Whether the line is rewritten in place.
    let isTerminal: Bool
    /// The planned length of the load (warm-up included), shown beside the elapsed time.
    let total: Duration
    /// The language of the line (`--lang`, else the locale's).
    let language: ReportLanguage
    private let isShowing = Mutex(false)

    init(isTerminal: Bool, total: Duration, language: ReportLanguage = .en) {
        self.isTerminal = isTerminal
        self.total = total
        self.language = language
    }

    /// A console for standard error: in place if standard error is a terminal.
    static func standardError(total: Duration, language: ReportLanguage) -> LiveConsole {
        LiveConsole(isTerminal: isatty(STDERR_FILENO) == 1, total: total, language: language)
    }

    /// How often the status is refreshed.
    var interval: Duration { isTerminal ? .milliseconds(250) : .seconds(5) }

    /// Shows one status.
    func show(_ snapshot: LiveProgress.Snapshot) {
        let line = Self.line(snapshot, total: total, language: language)
        if isTerminal {
            isShowing.withLock { $0 = true }
            StandardError.write("\r\u{1B}[2K" + Self.fit(line, columns: Self.terminalColumns()))
        } else {
            StandardError.write(line + "\n")
        }
    }

    /// Erases the status line, so what comes next (the summary) starts on a clean line.
    func clear() {
        guard isTerminal, isShowing.withLock({ $0 }) else { return }
        isShowing.withLock { $0 = false }
        StandardError.write("\r\u{1B}[2K")
    }

    /// The status text, such as
    /// `[ 12.3s / 60s] sent 120  done 110  failed 0  in flight 10  8.5 req/s  412 tok/s  TTFT P50 85 ms`.
    static func line(_ s: LiveProgress.Snapshot, total: Duration, language: ReportLanguage = .en) -> String {
        let ttft = s.ttftP50.map { milliseconds($0) } ?? "–"
        // Past the planned length only the drain is left: say so rather than show 12s / 5s bare.
        let isDraining = s.elapsed > total && s.inFlight > 0
        if language == .zh {
            return "[\(pad(fixed(s.elapsed.seconds, 1), 5))s / \(fixed(total.seconds, 0))s\(isDraining ? " 收尾中" : "")]"
                + " 已发送 \(s.dispatched)  完成 \(s.finished)  失败 \(s.failed)  进行中 \(s.inFlight)"
                + "  \(fixed(s.recentRequestsPerSecond, 1)) 请求/秒  \(fixed(s.recentOutputTokensPerSecond, 0)) token/秒"
                + "  首 token 延迟 P50 \(ttft)"
        }
        let phase = isDraining ? " draining" : ""
        return "[\(pad(fixed(s.elapsed.seconds, 1), 5))s / \(fixed(total.seconds, 0))s\(phase)] sent \(s.dispatched)"
            + "  done \(s.finished)  failed \(s.failed)  in flight \(s.inFlight)"
            + "  \(fixed(s.recentRequestsPerSecond, 1)) req/s  \(fixed(s.recentOutputTokensPerSecond, 0)) tok/s"
            + "  TTFT P50 \(ttft)"
    }

    /// `line` cut to `columns − 1` terminal columns (the last column would wrap on some
    /// terminals); a Chinese character takes two.
    static func fit(_ line: String, columns: Int?) -> String {
        guard let columns, columns > 1, TerminalText.width(line) >= columns else { return line }
        var kept = ""
        var width = 0
        for character in line {
            let next = TerminalText.width(String(character))
            guard width + next <= columns - 1 else { break }
            kept.append(character)
            width += next
        }
        return kept
    }

    private static func terminalColumns() -> Int? {
        var size = winsize()
        let status = withUnsafeMutablePointer(to: &size) { ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), $0) }
        guard status == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    private static func milliseconds(_ duration: Duration) -> String {
        let ms = duration.seconds * 1000
        return ms < 10 ? fixed(ms, 1) + " ms" : ms < 10_000 ? fixed(ms, 0) + " ms" : fixed(ms / 1000, 1) + " s"
    }

    /// `value` with `places` decimals, in the C locale.
    private static func fixed(_ value: Double, _ places: Int) -> String {
        String(format: "%.\(places)f", value)
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
