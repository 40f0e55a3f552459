import AsyncHTTPClient
import LLMLoadCore
import NIOCore
import NIOPosix
import NIOSSL

/// Maps transport errors onto the bounded outcome kinds, with a short readable message.
enum TransportFailure {
    static func classify(_ error: any Error) -> (RequestOutcome, String) {
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded: return (.timeout, "no complete response within the request timeout")
            case .readTimeout: return (.timeout, "read timeout")
            case .cancelled: return (.cancelled, "cancelled by llmload (drain deadline or interrupt)")
            case .connectTimeout: return (.connectionError, "connect timeout")
            case .remoteConnectionClosed: return (.connectionError, "server closed the connection mid-response")
            default: return (.connectionError, String(describing: error))
            }
        }
        if let error = error as? HTTPResponseReader.Malformed {
            return (.streamError, "malformed HTTP response: \(error)")
        }
        if error is CancellationError {
            return (.cancelled, "cancelled by llmload (drain deadline or interrupt)")
        }
        if let error = error as? ChannelError, isConnectTimeout(error) {
            return (.connectionError, "connect timeout")
        }
        // A request's own transport: the address is the run's, so the OS error says it all.
        if let error = error as? NIOConnectionError, let first = error.connectionErrors.first {
            return classify(first.error)
        }
        return (.connectionError, describe(error))
    }

    private static func isConnectTimeout(_ error: ChannelError) -> Bool {
        if case .connectTimeout = error { return true }
        return false
    }

    /// Whether `error` says the connection was closed under the request, as when a server
    /// closes an idle keep-alive connection just as the client sends on it. Before any answer
    /// byte, such a request never reached the server and may be sent again.
    static func isConnectionClosed(_ error: any Error) -> Bool {
        if let error = error as? ChannelError { return error == .ioOnClosedChannel || error == .eof }
        if let error = error as? HTTPClientError { return error == .remoteConnectionClosed }
        // Closed while the request was still being written: the unread bytes make it a reset.
        if let error = error as? IOError { return error.errnoCode == ECONNRESET || error.errnoCode == EPIPE }
        return false
    }

    /// A one-line description, preferring the OS error (`connection refused`) when there is one.
    static func describe(_ error: any Error) -> String {
        if let error = error as? NIOSSLError {
            return String(describing: error).contains("CERTIFICATE_VERIFY_FAILED")
                ? "TLS certificate verification failed (self-signed or unknown issuer?); --insecure skips it"
                : "TLS handshake failed (\(error))"
        }
        if let error = error as? NIOConnectionError, let first = error.connectionErrors.first {
            return "cannot connect to \(error.host):\(error.port): \(describe(first.error))"
        }
        if let error = error as? IOError {
            return String(cString: strerror(error.errnoCode)).lowercased()
        }
        return String(describing: error)
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif
