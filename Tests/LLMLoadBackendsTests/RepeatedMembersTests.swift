import LLMLoadBackends
import LLMLoadCore
import NIOCore
import Testing

/// The chunk readers skipping the members a stream repeats (``RepeatedMembers``) must still agree
/// with `JSONDecoder` on every chunk: the same members, members changed by a byte, numbers that
/// go on past a kept one, and whole streams.
@Suite struct RepeatedMembersTests {
    /// `chunk` read by the fast reader with `repeats` (updated), and by `JSONDecoder` alone.
    private static func readings<Chunk: ReadableChunk & Equatable>(
        _: Chunk.Type, _ chunk: [UInt8], _ repeats: inout RepeatedMembers
    ) -> (fast: Result<Chunk, ResponseDecodingError>, reference: Result<Chunk, ResponseDecodingError>) {
        let buffer = ByteBuffer(bytes: chunk)
        let fast = Result { () throws(ResponseDecodingError) in
            try Chunk.decode(buffer, usingFastReader: true, repeats: &repeats)
        }
        let reference = Result { () throws(ResponseDecodingError) in
            try Chunk.decode(buffer, usingFastReader: false)
        }
        return (fast, reference)
    }

    @Test func theSameChunkAgainIsReadBySkipsAndAgrees() throws {
        let chunk = Array(
            #"{"choices":[{"index":0,"delta":{"content":"Hi"}}],"created":1795964579,"id":"chatcmpl-1","model":"m","object":"chat.completion.chunk"}"#
                .utf8)
        var repeats = RepeatedMembers()
        for _ in 0..<3 {
            let (fast, reference) = Self.readings(OpenAIChunk.self, chunk, &repeats)
            #expect(fast == reference)
            #expect(try fast.get().firstChoice?.delta?.content == "Hi")
        }
        // The first reading kept the four unknown members; each later one skipped them.
        #expect(repeats.skips == 8)
    }

    /// A kept member followed by more of its value is not that member.
    @Test func aNumberThatGoesOnIsNotTheKeptOne() {
        let kept = Array(#"{"created":17,"done":true}"#.utf8)
        var skips = 0
        for text in [
            #"{"created":178,"done":true}"#, #"{"created":17.5,"done":true}"#, #"{"created":17e1,"done":true}"#,
            #"{"created":17"done":true}"#, #"{"created":17 ,"done":false}"#,
        ] {
            var repeats = RepeatedMembers()
            _ = Self.readings(OllamaChunk.self, kept, &repeats)
            let (fast, reference) = Self.readings(OllamaChunk.self, Array(text.utf8), &repeats)
            #expect(fast == reference, "\(text)")
            skips += repeats.skips
        }
        // Only the last, where a space follows the kept `17`.
        #expect(skips == 1)
    }

    @Test func aMemberWhoseValueChangesIsDroppedAndTheRestStillSkipped() throws {
        var repeats = RepeatedMembers()
        for second in 0..<4 {
            let text = #"{"model":"qwen3:8b","created_at":"2025-08-01T21:43:4\#(second)Z","response":"a","done":false}"#
            let (fast, reference) = Self.readings(OllamaChunk.self, Array(text.utf8), &repeats)
            #expect(fast == reference)
            #expect(try fast.get().response == "a")
        }
        // `model` on each of the three later lines; `created_at` never.
        #expect(repeats.skips == 3)
    }

    /// Generated chunks, each read after itself and after copies of itself changed by one byte:
    /// whatever the reader kept from one, the next must read as `JSONDecoder` reads it.
    @Test func generatedChunksChangedByOneByteAgree() {
        var generator = JSONChunkGenerator(seed: 0x5EED_2E9)
        var random = SplitMix64(seed: 0x2E9)
        var skips = 0
        for round in 0..<1_500 {
            let isOpenAI = round % 2 == 0
            let chunk = isOpenAI ? generator.openAIChunk() : generator.ollamaChunk()
            var repeats = RepeatedMembers()
            var sequence = [chunk, chunk]
            for _ in 0..<4 {
                sequence.append(chunk.changedByOneByte(using: &random))
            }
            for text in sequence {
                if isOpenAI {
                    let (fast, reference) = Self.readings(OpenAIChunk.self, text, &repeats)
                    #expect(fast == reference, "\(String(decoding: text, as: UTF8.self))")
                } else {
                    let (fast, reference) = Self.readings(OllamaChunk.self, text, &repeats)
                    #expect(fast == reference, "\(String(decoding: text, as: UTF8.self))")
                }
            }
            skips += repeats.skips
        }
        // The generator's unknown members must have been skipped often, not only read.
        #expect(skips > 1_000, "skips: \(skips)")
    }
}
