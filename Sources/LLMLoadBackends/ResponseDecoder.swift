import LLMLoadCore
import NIOCore

/// Turns a response body into ``StreamEvent``s, chunk by chunk.
///
/// Implementations are synchronous `mutating` value types: the transport calls them on the
/// event loop for every body part, so they must never await or block.
public protocol ResponseDecoder: Sendable {
    /// Consumes one body part and reports the events it completes, in order.
    mutating func decode(_ buffer: ByteBuffer, emit: (StreamEvent) -> Void) throws(ResponseDecodingError)
    /// The body ended: decode anything left over.
    mutating func finish(emit: (StreamEvent) -> Void) throws(ResponseDecodingError)
}

/// Why a response body could not be decoded.
public enum ResponseDecodingError: Error, Equatable, CustomStringConvertible {
    /// A line or event was not the JSON the API promises.
    case malformed(excerpt: String)
    /// A line grew past ``LineFramer/maximumLineLength`` without ending.
    case lineTooLong(bytes: Int)
    /// A Server-Sent Event's `data` grew past ``SSEFramer/maximumEventLength`` without the blank
    /// line that ends it.
    case eventTooLong(bytes: Int)
    /// A non-streaming body grew past ``OpenAIStreamDecoder/maximumBodyLength``.
    case bodyTooLarge(bytes: Int)

    public var description: String {
        switch self {
        case .malformed(let excerpt): "malformed response line: \(excerpt)"
        case .lineTooLong(let bytes): "response line longer than \(bytes) bytes without a newline"
        case .eventTooLong(let bytes):
            "server-sent event data longer than \(bytes) bytes without the blank line that ends an event"
        case .bodyTooLarge(let bytes): "response body larger than \(bytes) bytes"
        }
    }

    /// An excerpt of `bytes` for an error message: up to ``ResponseLimits/receivedErrorTextBytes``,
    /// cut on a scalar boundary, so a key in it is whole when the runner redacts it; the outputs
    /// cut it shorter only after that (``ResponseLimits/shownErrorText(_:)``).
    static func malformed(_ bytes: UnsafeRawBufferPointer) -> Self {
        // One byte past the cap: a longer line still gets the cut's mark, and a scalar split at
        // the end of these bytes lies past the cut.
        let bytes = bytes.prefix(ResponseLimits.receivedErrorTextBytes + 1)
        let text = String(decoding: bytes, as: UTF8.self)
        return .malformed(excerpt: ResponseLimits.receivedErrorText(text))
    }
}
