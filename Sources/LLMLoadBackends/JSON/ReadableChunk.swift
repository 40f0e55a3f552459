import Foundation
import NIOCore

/// A response chunk that the byte-level reader can read, with `JSONDecoder` behind it for
/// whatever the reader is not sure of (``JSONFallback``).
package protocol ReadableChunk: Decodable {
    /// Reads the chunk straight from its bytes, or gives up.
    init(reading bytes: UnsafeRawBufferPointer) throws(JSONFallback)
}

extension ReadableChunk {
    /// The chunk in `bytes`: read by the fast reader when it can, else by a `JSONDecoder`, made
    /// only then (it is a few allocations, and most streams never need one).
    /// - Parameter usingFastReader: `false` asks `JSONDecoder` alone (the reference in the
    ///   differential tests).
    package static func decode(
        _ bytes: UnsafeRawBufferPointer,
        usingFastReader: Bool
    ) throws(ResponseDecodingError) -> Self {
        if usingFastReader {
            // Not `try?`: its optional was one more copy of the whole chunk.
            do throws(JSONFallback) { return try Self(reading: bytes) } catch {}
        }
        do {
            return try JSONDecoder().decode(Self.self, from: Data(bytes))
        } catch {
            throw .malformed(bytes)
        }
    }

    /// ``decode(_:usingFastReader:)`` of a buffer's readable bytes.
    package static func decode(_ buffer: ByteBuffer, usingFastReader: Bool) throws(ResponseDecodingError) -> Self {
        let result = buffer.withUnsafeReadableBytes { bytes in
            Result { () throws(ResponseDecodingError) in try decode(bytes, usingFastReader: usingFastReader) }
        }
        return try result.get()
    }
}
