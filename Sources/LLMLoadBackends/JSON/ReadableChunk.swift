import Foundation
import NIOCore

/// A response chunk that the byte-level reader can read, with `JSONDecoder` behind it for
/// whatever the reader is not sure of (``JSONFallback``).
package protocol ReadableChunk: Decodable {
    /// Reads the chunk straight from its bytes, or gives up. `repeats` holds the members the
    /// stream's first chunk had that the reader skipped; it skips them again by a compare.
    init(reading bytes: UnsafeRawBufferPointer, repeats: inout RepeatedMembers) throws(JSONFallback)
}

extension ReadableChunk {
    /// Reads a chunk on its own, with no stream before it.
    package init(reading bytes: UnsafeRawBufferPointer) throws(JSONFallback) {
        var none = RepeatedMembers(isEnabled: false)
        try self.init(reading: bytes, repeats: &none)
    }

    /// The chunk in `bytes`: read by the fast reader when it can, else by a `JSONDecoder`, made
    /// only then (it is a few allocations, and most streams never need one).
    /// - Parameters:
    ///   - usingFastReader: `false` asks `JSONDecoder` alone (the reference in the differential
    ///     tests).
    ///   - repeats: the stream's repeated members (``RepeatedMembers``), updated.
    package static func decode(
        _ bytes: UnsafeRawBufferPointer,
        usingFastReader: Bool,
        repeats: inout RepeatedMembers
    ) throws(ResponseDecodingError) -> Self {
        if usingFastReader {
            // Not `try?`: its optional was one more copy of the whole chunk.
            do throws(JSONFallback) {
                let chunk = try Self(reading: bytes, repeats: &repeats)
                repeats.chunkRead()
                return chunk
            } catch {
                repeats.chunkAbandoned()
            }
        }
        do {
            return try JSONDecoder().decode(Self.self, from: Data(bytes))
        } catch {
            throw .malformed(bytes)
        }
    }

    /// ``decode(_:usingFastReader:repeats:)`` of a buffer's readable bytes.
    package static func decode(
        _ buffer: ByteBuffer, usingFastReader: Bool, repeats: inout RepeatedMembers
    ) throws(ResponseDecodingError) -> Self {
        let result = buffer.withUnsafeReadableBytes { bytes in
            Result { () throws(ResponseDecodingError) in
                try decode(bytes, usingFastReader: usingFastReader, repeats: &repeats)
            }
        }
        return try result.get()
    }

    /// A chunk read on its own, with no stream before it.
    package static func decode(_ buffer: ByteBuffer, usingFastReader: Bool) throws(ResponseDecodingError) -> Self {
        var none = RepeatedMembers(isEnabled: false)
        return try decode(buffer, usingFastReader: usingFastReader, repeats: &none)
    }
}
