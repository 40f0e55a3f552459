import Foundation

extension URLComponents {
    /// The host as a connection names it, IDNA-encoded (`xn--…`) when it is not ASCII. Not
    /// `host`, which decodes it through ICU, whose tables then stayed in the run's memory. A host
    /// with percent escapes (an IPv6 zone, `%25eth0`) is decoded.
    public var connectionHost: String? {
        guard let encoded = encodedHost else { return nil }
        return encoded.contains("%") ? host : encoded
    }
}
