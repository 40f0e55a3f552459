import Foundation
import LLMLoadBackends
import NIOCore

/// One chunk's JSON through `OpenAIChunk` and `OllamaChunk`: the byte-level reader with
/// `JSONDecoder` behind it must give exactly what `JSONDecoder` alone gives, value or error; on
/// its own, and, when the input has a newline, the rest after its first line read twice after that
/// line (what a stream's reader keeps of a chunk for the next, ``RepeatedMembers``, and for
/// OpenAI the line itself as a template, ``ChunkTemplate``).
public enum ChunkReaderCheck {
    /// Throws when the two readings of `bytes` differ, for either chunk type.
    public static func check(_ bytes: [UInt8]) throws(FuzzFinding) {
        let buffer = ByteBuffer(bytes: bytes)
        try agree(OpenAIChunk.self, buffer)
        try agree(OllamaChunk.self, buffer)
        try agreeThroughTemplate(bytes)
    }

    /// The rest after the first line, read twice after that line with a template: as
    /// `JSONDecoder` reads it.
    private static func agreeThroughTemplate(_ bytes: [UInt8]) throws(FuzzFinding) {
        guard let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) else { return }
        let (before, rest) = (Array(bytes[..<newline]), Array(bytes[(newline + 1)...]))
        let reference = Result { () throws(ResponseDecodingError) in
            try OpenAIChunk.decode(ByteBuffer(bytes: rest), usingFastReader: false)
        }
        var repeats = RepeatedMembers()
        var template = ChunkTemplate<OpenAIChunk>()
        for (reading, chunk) in [before, rest, rest].enumerated() {
            let fast = chunk.withUnsafeBytes { chunk in
                Result { () throws(ResponseDecodingError) in
                    try OpenAIChunk.decode(chunk, usingFastReader: true, repeats: &repeats, template: &template)
                }
            }
            guard reading > 0 else { continue }
            guard fast == reference else {
                throw FuzzFinding(
                    "OpenAIChunk, the rest read \(reading) times after the first line with a template: the fast reader gave \(fast), JSONDecoder \(reference)"
                )
            }
        }
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
        // A first line is the chunk before: its unknown members are kept, then the rest is read.
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else { return }
        let before = buffer.getSlice(at: buffer.readerIndex, length: newline - buffer.readerIndex) ?? ByteBuffer()
        let rest = buffer.getSlice(at: newline + 1, length: buffer.writerIndex - newline - 1) ?? ByteBuffer()
        let restReference = Result { () throws(ResponseDecodingError) in
            try Chunk.decode(rest, usingFastReader: false)
        }
        var repeats = RepeatedMembers()
        _ = try? Chunk.decode(before, usingFastReader: true, repeats: &repeats)
        for reading in 1...2 {
            let after = Result { () throws(ResponseDecodingError) in
                try Chunk.decode(rest, usingFastReader: true, repeats: &repeats)
            }
            guard after == restReference else {
                throw FuzzFinding(
                    "\(Chunk.self), the rest read \(reading) times after the first line: the fast reader gave \(after), JSONDecoder \(restReference)"
                )
            }
        }
    }
}
