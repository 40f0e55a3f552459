import Foundation
import LLMLoadBackends
import NIOCore

/// One chunk's JSON through `OpenAIChunk` and `OllamaChunk`: the byte-level reader with
/// `JSONDecoder` behind it must give exactly what `JSONDecoder` alone gives, value or error.
public enum ChunkReaderCheck {
    /// Throws when the two readings of `bytes` differ, for either chunk type.
    public static func check(_ bytes: [UInt8]) throws(FuzzFinding) {
        let buffer = ByteBuffer(bytes: bytes)
        try agree(OpenAIChunk.self, buffer)
        try agree(OllamaChunk.self, buffer)
    }

    private static func agree<Chunk: ReadableChunk & Equatable>(_: Chunk.Type, _ buffer: ByteBuffer)
        throws(FuzzFinding)
    {
        let fast = Result { () throws(ResponseDecodingError) in
            try Chunk.decode(buffer, usingFastReader: true)
        }
        let reference = Result { () throws(ResponseDecodingError) in
            try Chunk.decode(buffer, usingFastReader: false)
        }
        guard fast == reference else {
            throw FuzzFinding("\(Chunk.self): the fast reader gave \(fast), JSONDecoder \(reference)")
        }
    }
}
