import Dispatch
import Foundation
import LLMLoadScheduler

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes to standard error (progress and notices; standard output carries only results).
enum StandardError {
    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// Process-wide limits a load generator needs.
enum ProcessLimits {
    /// Every request in flight holds a socket: raise the soft open-file limit to the hard one.
    static func raiseOpenFileLimit() {
        var limit = rlimit()
        #if canImport(Glibc)
            let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        #else
            let resource = RLIMIT_NOFILE
        #endif
        guard getrlimit(resource, &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
        limit.rlim_cur = limit.rlim_max
        _ = setrlimit(resource, &limit)
    }
}

/// Turns Ctrl-C (SIGINT) and SIGTERM into stop requests: the first stops sending and drains,
/// the second cancels what is in flight. Every measured request is still written.
enum InterruptHandler {
    static func install(stop: StopSignal) -> Cancellable {
        let sources = [SIGINT, SIGTERM].map { number -> any DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                switch stop.request() {
                case .stopSending:
                    StandardError.write(
                        "\nstopping: no new requests; waiting for those in flight (Ctrl-C again to stop now)\n")
                case .stopNow:
                    StandardError.write("\nstopping now: cancelling requests in flight; results are still written\n")
                }
            }
            source.resume()
            return source
        }
        return Cancellable {
            for source in sources { source.cancel() }
            for number in [SIGINT, SIGTERM] { signal(number, SIG_DFL) }
        }
    }

    /// Undoes an installation.
    struct Cancellable {
        let cancel: () -> Void
    }
}
