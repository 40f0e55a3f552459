import NIOCore
import Synchronization

/// Where one base URL's requests go, parsed once and reused for every request to it.
struct Endpoint: Sendable {
    /// Small and dense, so that a loop's pool keys its idle connections without hashing strings.
    let id: Int
    let isTLS: Bool
    /// Without the brackets of an IPv6 literal.
    let host: String
    let port: Int
    /// The path before the API's own (`/proxy` in `http://host/proxy`), possibly empty.
    let pathPrefix: String
    /// The `Host` header: the host and, unless it is the scheme's default, the port.
    let hostHeader: String
    /// The TLS server name; `nil` for an IP address, which SNI does not allow.
    let serverName: String?
    /// The socket address when the host is an IP address: a connection to it needs no name
    /// lookup, which NIO would run on a Dispatch thread for every connection it opens.
    let address: SocketAddress?

    /// Parses `scheme://host[:port][/prefix]` with scheme `http` or `https`.
    init(id: Int, baseURL: String) throws(EndpointError) {
        let fail = EndpointError(baseURL: baseURL)
        guard let schemeEnd = baseURL.range(of: "://") else { throw fail }
        let scheme = baseURL[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { throw fail }
        let rest = baseURL[schemeEnd.upperBound...]
        let authority = rest.prefix { $0 != "/" }
        var path = String(rest.dropFirst(authority.count))
        while path.hasSuffix("/") { path.removeLast() }
        var host: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw fail }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw fail }
                portText = after.dropFirst()
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        } else {
            host = authority
        }
        guard !host.isEmpty, !host.contains("@") else { throw fail }
        // Both go into the request head as they are: a space or a control character (a line
        // break above all) would end its line early.
        guard host.utf8.allSatisfy(Self.isPrintable), path.utf8.allSatisfy(Self.isPrintable) else { throw fail }
        let defaultPort = scheme == "https" ? 443 : 80
        let port = try portText.map { text throws(EndpointError) in
            guard let port = Int(text), (1...65535).contains(port) else { throw fail }
            return port
        }
        self.id = id
        self.isTLS = scheme == "https"
        self.host = String(host)
        self.port = port ?? defaultPort
        self.pathPrefix = path
        let bracketed = host.contains(":") ? "[\(host)]" : String(host)
        self.hostHeader = self.port == defaultPort ? bracketed : "\(bracketed):\(self.port)"
        self.address = try? SocketAddress(ipAddress: String(host), port: self.port)
        self.serverName = address == nil ? String(host) : nil
    }

    /// Visible ASCII or a byte past it: no space, no control character.
    private static func isPrintable(_ byte: UInt8) -> Bool { byte > 0x20 && byte != 0x7F }
}

/// A base URL the client cannot send to.
struct EndpointError: Error, CustomStringConvertible {
    var baseURL: String
    var description: String { "not an http:// or https:// base URL: \(baseURL)" }
}

/// The endpoints parsed so far, by base URL: a run has one per replica, so after the first
/// request to each this is one uncontended lookup.
final class EndpointTable: Sendable {
    private let parsed = Mutex<[String: Endpoint]>([:])

    func endpoint(for baseURL: String) throws(EndpointError) -> Endpoint {
        try parsed.withLock { table throws(EndpointError) in
            if let known = table[baseURL] { return known }
            let endpoint = try Endpoint(id: table.count, baseURL: baseURL)
            table[baseURL] = endpoint
            return endpoint
        }
    }
}
