import ArgumentParser
import LLMLoadCore
import LLMLoadRunner
import LLMLoadScheduler
import Logging

extension RunCommand {
    /// Runs the load with the live console on standard error (unless `--quiet`).
    func execute(_ configuration: RunConfiguration, stop: StopSignal, logger: Logger) async throws
        -> LoadRun.Result
    {
        let run = LoadRun(
            configuration: configuration, stop: stop, logger: logger,
            notify: { [quiet = output.quiet] line in
                if !quiet { StandardError.write(TerminalText.escaped(line, keepsLineBreaks: false) + "\n") }
            })
        guard !output.quiet else { return try await run.run() }
        let console = LiveConsole.standardError(
            total: configuration.load.warmupSpan + configuration.load.duration, language: configuration.output.language)
        do {
            let result = try await run.run(progressInterval: console.interval, progress: console.show)
            console.clear()
            return result
        } catch {
            console.clear()
            throw error
        }
    }
}

/// An error whose message quotes the server, made safe to print on a terminal
/// (``TerminalText``). Exit status 1, like the error it replaces.
struct TerminalSafeError: Error, CustomStringConvertible {
    let description: String

    init(_ message: String) {
        description = TerminalText.escaped(message)
    }

    /// The error to throw for `message` in `language`: in English this error, which
    /// ArgumentParser prints as `Error: …`; in Chinese the line `错误：…` written here and a
    /// bare exit status 1, since ArgumentParser's prefix is English.
    static func failure(_ message: String, language: ReportLanguage) -> any Error {
        guard language == .zh else { return TerminalSafeError(message) }
        StandardError.write("错误：" + TerminalText.escaped(message) + "\n")
        return ExitCode.failure
    }
}
