import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A listening TCP socket on 127.0.0.1 at a free port, for the raw test servers
/// (``StallingServer``, ``FaultServer``), which write exactly the bytes a test scripts.
enum LoopbackListener {
    /// Opens, binds and listens; returns the socket and its port.
    static func open(backlog: Int32) throws -> (descriptor: Int32, port: Int) {
        #if canImport(Glibc)
            let socketType = Int32(SOCK_STREAM.rawValue)
        #else
            let socketType = SOCK_STREAM
        #endif
        let descriptor = socket(AF_INET, socketType, 0)
        guard descriptor >= 0 else { throw LoopbackListenerError.socket(errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                bind(descriptor, address, length) == 0 && listen(descriptor, backlog) == 0
                    && getsockname(descriptor, address, &length) == 0
            }
        }
        guard bound else {
            let code = errno
            closeDescriptor(descriptor)
            throw LoopbackListenerError.socket(code)
        }
        return (descriptor, Int(UInt16(bigEndian: address.sin_port)))
    }

    /// `close(2)`, which a `close()` method of the calling class would hide.
    static func closeDescriptor(_ descriptor: Int32) {
        #if canImport(Glibc)
            _ = Glibc.close(descriptor)
        #else
            _ = Darwin.close(descriptor)
        #endif
    }
}

/// A raw test server could not listen (the `errno` of the call that failed).
public enum LoopbackListenerError: Error {
    case socket(Int32)
}
