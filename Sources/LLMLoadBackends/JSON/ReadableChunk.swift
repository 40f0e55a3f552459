import Foundation
import NIOCore
import NIOFoundationCompat

/// A response chunk that the byte-level reader can read, with `JSONDecoder` behind it for
/// whatever the reader is not sure of (``JSONFallback``).
package protocol ReadableChunk: Decodable {
    /// Reads the chunk straight from its bytes, or gives up.
    init(reading bytes: UnsafeRawBufferPointer) throws(JSONFallback)
}

extension ReadableChunk {
    /// The chunk in `bytes`: read by the fast reader when it can, else by `decoder`.
    /// - Parameter usingFastReader: `false` asks `decoder` alone (the reference in the
    ///   differential tests).
    package static func decode(
        _ bytes: ByteBuffer,
        usingFastReader: Bool,
        or decoder: JSONDecoder
    ) throws(ResponseDecodingError) -> Self {
        if usingFastReader, let chunk = bytes.withUnsafeReadableBytes({ try? Self(reading: $0) }) {
            return chunk
        }
        do {
            return try decoder.decode(Self.self, from: bytes)
        } catch {
            throw .malformed(bytes)
        }
    }
}
