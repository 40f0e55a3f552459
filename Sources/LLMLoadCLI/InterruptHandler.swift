import Dispatch
import Foundation
import LLMLoadCore
import LLMLoadRunner
import LLMLoadScheduler

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns Ctrl-C (SIGINT) and SIGTERM into stop requests, as operators expect:
///
/// - during the load, the first Ctrl-C stops sending and drains; the second cancels what is in
///   flight. SIGTERM stops sending and drains for at most `termGrace`, then cancels (a container
///   runtime sends SIGKILL 10–30 s after SIGTERM). Every measured request is still written, and
///   the run exits with ``exitStatus``.
/// - before the load (discovery, `/tokenize`, prompt fitting), any stop ends the run at once
///   (`RunError.interrupted`); nothing has been written yet. A second signal then ends the
///   process directly, in case some wait does not notice the first.
enum InterruptHandler {
    /// The exit status of an interrupted run: 128 + SIGINT, as shells report Ctrl-C.
    static let exitStatus: Int32 = 130

    /// - Parameter language: the console's, for what the handler tells the user.
    static func install(stop: StopSignal, termGrace: Duration, language: ReportLanguage = .en) -> Cancellable {
        let sources = [SIGINT, SIGTERM].map { number -> any DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { handle(number, stop: stop, termGrace: termGrace, language: language) }
            source.resume()
            return source
        }
        return Cancellable {
            for source in sources { source.cancel() }
            for number in [SIGINT, SIGTERM] { signal(number, SIG_DFL) }
        }
    }

    /// One signal: escalates `stop` and tells the user what happens now, in `language`.
    static func handle(_ number: Int32, stop: StopSignal, termGrace: Duration, language: ReportLanguage = .en) {
        let zh = language == .zh
        let step = stop.request()
        guard stop.loadStarted.isSet else {
            if step == .stopNow {
                StandardError.write("\n\(RunError.interrupted.text(language))\n")
                exit(exitStatus)
            }
            return
        }
        switch step {
        case .stopSending where number == SIGTERM:
            let grace = termGrace.seconds
            StandardError.write(
                zh
                    ? "\nSIGTERM：不再发送新请求；进行中的请求还有 \(grace) 秒（--term-grace），之后取消；结果仍会写出\n"
                    : "\nSIGTERM: no new requests; those in flight get \(grace) s (--term-grace), then are cancelled; "
                        + "results are still written\n")
            // A timer, not a task: this runs at the process boundary, outside the run's task tree.
            DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(Int(termGrace.nanoseconds))) {
                if stop.stopNow.set() {
                    StandardError.write(
                        zh
                            ? "\n--term-grace 已到：取消进行中的请求；结果仍会写出\n"
                            : "\n--term-grace passed: cancelling requests in flight; results are still written\n")
                }
            }
        case .stopSending:
            StandardError.write(
                zh
                    ? "\n正在停止：不再发送新请求；等待进行中的请求完成（再按 Ctrl-C 立即停止）\n"
                    : "\nstopping: no new requests; waiting for those in flight (Ctrl-C again to stop now)\n")
        case .stopNow:
            StandardError.write(
                zh
                    ? "\n立即停止：取消进行中的请求；结果仍会写出\n"
                    : "\nstopping now: cancelling requests in flight; results are still written\n")
        }
    }

    /// Undoes an installation.
    struct Cancellable {
        let cancel: () -> Void
    }
}
