import LLMLoadBackends
import LLMLoadCore
import NIOCore
import Testing

/// A chunk read through the stream's last one (``ChunkTemplate``) must read as `JSONDecoder`
/// reads it, whatever sits in the hole or around it; and the template must be used.
@Suite struct ChunkTemplateTests {
    private typealias Reading = Result<OpenAIChunk, ResponseDecodingError>

    /// A stream's reading state: what the decoder keeps from chunk to chunk.
    private struct Stream {
        var repeats = RepeatedMembers()
        var template = ChunkTemplate<OpenAIChunk>()

        /// `chunk` read with the stream's state, and by `JSONDecoder` alone.
        mutating func read(_ chunk: [UInt8]) -> (fast: Reading, reference: Reading) {
            let fast = chunk.withUnsafeBytes { bytes in
                Result { () throws(ResponseDecodingError) in
                    try OpenAIChunk.decode(bytes, usingFastReader: true, repeats: &repeats, template: &template)
                }
            }
            let reference = Result { () throws(ResponseDecodingError) in
                try OpenAIChunk.decode(ByteBuffer(bytes: chunk), usingFastReader: false)
            }
            return (fast, reference)
        }
    }

    /// Chunks around a hole, from real servers and the simulator: `\(hole)` is where a value goes.
    private static let shapes: [(String, String)] = [
        (
            #"{"id":"chatcmpl-sim-1","object":"chat.completion.chunk","created":1796322701,"model":"llmload-sim","choices":[{"index":0,"delta":{"content":"#,
            #"},"finish_reason":null}]}"#
        ),
        (
            #"{"choices":[{"finish_reason":null,"index":0,"delta":{"content":"#,
            #"}}],"created":1795964579,"id":"chatcmpl-Fq","model":"smollm2","system_fingerprint":"b0-unknown","object":"chat.completion.chunk"}"#
        ),
        (#"{"choices":[{"text":"#, #","index":0,"logprobs":null,"finish_reason":null}],"model":"m"}"#),
        (#"{"choices":[{"index":0,"delta":{"reasoning_content":"#, #"}}]}"#),
        (#"{"choices":[{"index":0,"delta":{"content":null,"reasoning":"#, #"}}]}"#),
        (#"{"choices":[{"index":0,"delta":{"reasoning_content":"Hm","content":"#, #"}}]}"#),
        (#"{"choices":[{"index":0,"delta":{"content":"#, #"}},{"index":1,"delta":{"content":"B"}}]}"#),
        (#"{"choices":[{"index":0,"delta":{"content":"#, #"},"finish_reason":"stop"}]}"#),
        (#"{"choices":[{"index":0,"delta":{"content":"#, #"}}],"usage":{"prompt_tokens":3,"completion_tokens":1}}"#),
        (#"{ "choices" : [ { "delta" : { "content" : "#, #" } } ] }"#),
        (#"{"choices":[{"index":0,"delta":{"content":"#, #"}}],"choices":[]}"#),
    ]

    /// Values for the hole: strings of every kind, and what is not a string or not a value.
    private static func values() -> [[UInt8]] {
        var generator = JSONChunkGenerator(seed: 0x7E3_9A7E)
        let odd = [
            #""""#, "null", "12", #"{"a":1}"#, #"["x"]"#, #""a" "#, #" "a""#, #""a","#, #""\"}}],\"x\":\""#,
            #""\ud83d\ude00""#, #""\ud800""#, #""\u00e9\n\t\\\/""#, "\"a\u{1}\"", #""abc"#, #"""#, "",
            #""a"b""#, #""}}]}""#,
        ].map { Array($0.utf8) }
        let invalid: [[UInt8]] = [[0x22, 0xFF, 0x22], [0x22, 0xC3, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22]]
        return odd + invalid + (0..<200).map { _ in generator.string() }
    }

    @Test func everyValueInEveryHoleReadsAsJSONDecoderReadsIt() throws {
        var hits = 0
        for (before, after) in Self.shapes {
            var stream = Stream()
            for value in Self.values() {
                // The shape with a plain token first, so that the template holds it.
                for chunk in [Array((before + #""Hi""# + after).utf8), Array(before.utf8) + value + Array(after.utf8)] {
                    let (fast, reference) = stream.read(chunk)
                    #expect(fast == reference, "\(String(decoding: chunk, as: UTF8.self))")
                }
            }
            hits += stream.template.hits
        }
        // The plain token each time, and the valid strings, in each shape the reader reads (all
        // but the last, with a repeated key, which `JSONDecoder` must read).
        #expect(hits > 2 * 200 * (Self.shapes.count - 1), "hits: \(hits)")
    }

    @Test func aRealStreamsTokensAreReadThroughTheTemplate() throws {
        for fixture in Fixture.openAIStreams {
            let lines = try Fixture.bytes(fixture).split(separator: UInt8(ascii: "\n"))
            let chunks = lines.filter { $0.starts(with: "data: {".utf8) }.map { Array($0.dropFirst(6)) }
            var stream = Stream()
            for chunk in chunks {
                let (fast, reference) = stream.read(chunk)
                #expect(fast == reference, "\(String(decoding: chunk, as: UTF8.self))")
            }
            // All but the role's chunk, the first token's and the last two (finish, usage) at most;
            // learnt at the first token, and once more at most (its last chunk's shape).
            #expect(stream.template.hits >= chunks.count - 4, "\(fixture): \(stream.template.hits) of \(chunks.count)")
            #expect((1...2).contains(stream.template.learnt), "\(fixture): learnt \(stream.template.learnt)")
        }
    }

    /// Chunks (the shapes with a generated string, and generated chunks), each read after itself
    /// and after copies of itself changed by one byte: a byte changed before or after the hole
    /// must make a miss, read as `JSONDecoder` reads it.
    @Test func chunksChangedByOneByteAgree() {
        var generator = JSONChunkGenerator(seed: 0x7E3_0B1)
        var random = SplitMix64(seed: 0x0B1)
        var hits = 0
        for round in 0..<3_000 {
            let (before, after) = Self.shapes[round % Self.shapes.count]
            let chunk =
                round % 2 == 0 ? Array(before.utf8) + generator.string() + Array(after.utf8) : generator.openAIChunk()
            var stream = Stream()
            var sequence = [chunk, chunk]
            for _ in 0..<4 {
                sequence += [chunk.changedByOneByte(using: &random), chunk]
            }
            for text in sequence {
                let (fast, reference) = stream.read(text)
                #expect(fast == reference, "\(String(decoding: text, as: UTF8.self))")
            }
            hits += stream.template.hits
        }
        #expect(hits > 3_000, "hits: \(hits)")
    }

    /// Whole SSE streams of chunks that share a shape, through the decoder with its template and
    /// through `JSONDecoder` alone: the same events, or the same error.
    @Test func streamsOfOneShapeGiveTheSameEvents() {
        let values = Self.values()
        var random = SplitMix64(seed: 0x5EA_7E3)
        var hits = 0
        for (before, after) in Self.shapes {
            for _ in 0..<40 {
                var sse: [UInt8] = []
                for _ in 0..<6 {
                    let value = values[Int(random.next() % UInt64(values.count))].filter { $0 != 10 && $0 != 13 }
                    sse += Array("data: \(before)".utf8) + value + Array("\(after)\n\n".utf8)
                }
                sse += Array("data: [DONE]\n\n".utf8)
                let chunks = Fixture.chunks(sse, size: 61)
                let (fast, templateHits) = Self.events(chunks, fast: true)
                #expect(fast == Self.events(chunks, fast: false).events, "\(before)")
                hits += templateHits
            }
        }
        // Streams end at their first chunk that is not JSON; the rest are read through the template.
        #expect(hits > 1_000, "hits: \(hits)")
    }

    /// The events of a stream, or its error, and how many chunks the template read.
    private static func events(_ chunks: [ByteBuffer], fast: Bool) -> (
        events: Result<[StreamEvent], ResponseDecodingError>, templateHits: Int
    ) {
        var decoder = OpenAIStreamDecoder(isStreaming: true, usesFastReader: fast)
        var events: [StreamEvent] = []
        do throws(ResponseDecodingError) {
            for chunk in chunks { try decoder.decode(chunk) { events.append($0) } }
            try decoder.finish { events.append($0) }
            return (.success(events), decoder.templateHits)
        } catch {
            return (.failure(error), decoder.templateHits)
        }
    }
}
