import Foundation
import LLMLoadBackends
import LLMLoadCore
import NIOCore
import Testing

/// The byte-level chunk readers against `JSONDecoder`, which they must agree with exactly:
/// every fixture, thousands of generated chunks, and real chunks cut at every byte.
@Suite struct ChunkReaderDifferentialTests {
    private typealias Outcome = Result<[StreamEvent], ResponseDecodingError>

    // MARK: Whole streams

    private func openAIEvents(_ chunks: [ByteBuffer], streaming: Bool = true, fast: Bool) -> Outcome {
        var decoder = OpenAIStreamDecoder(isStreaming: streaming, usesFastReader: fast)
        return Self.run(&decoder, chunks)
    }

    private func ollamaEvents(_ chunks: [ByteBuffer], fast: Bool) -> Outcome {
        var decoder = OllamaStreamDecoder(usesFastReader: fast)
        return Self.run(&decoder, chunks)
    }

    private static func run(_ decoder: inout some ResponseDecoder, _ chunks: [ByteBuffer]) -> Outcome {
        var events: [StreamEvent] = []
        do throws(ResponseDecodingError) {
            for chunk in chunks { try decoder.decode(chunk) { events.append($0) } }
            try decoder.finish { events.append($0) }
            return .success(events)
        } catch {
            return .failure(error)
        }
    }

    @Test(arguments: Fixture.openAIStreams)
    func openAIStreamFixturesDecodeAlike(fixture: String) throws {
        let bytes = try Fixture.bytes(fixture)
        let reference = openAIEvents([ByteBuffer(bytes: bytes)], fast: false)
        #expect(try reference.get().count > 3)
        for size in [1, 7, 100, bytes.count] {
            #expect(openAIEvents(Fixture.chunks(bytes, size: size), fast: true) == reference, "chunks of \(size)")
        }
    }

    @Test(arguments: Fixture.ollamaStreams + ["ollama-qwen3-generate-stream-inline-think.ndjson"])
    func ollamaStreamFixturesDecodeAlike(fixture: String) throws {
        let bytes = try Fixture.bytes(fixture)
        let reference = ollamaEvents([ByteBuffer(bytes: bytes)], fast: false)
        #expect(try reference.get().count > 1)
        for size in [1, 7, 100, bytes.count] {
            #expect(ollamaEvents(Fixture.chunks(bytes, size: size), fast: true) == reference, "chunks of \(size)")
        }
    }

    /// Every fixture, whatever it is, through every decoder: JSON bodies, error pages, metrics.
    @Test func everyFixtureDecodesAlikeThroughEveryDecoder() throws {
        let directory = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(names.count >= 15)
        for name in names {
            let body = [ByteBuffer(bytes: try Fixture.bytes(name))]
            for streaming in [true, false] {
                let fast = openAIEvents(body, streaming: streaming, fast: true)
                #expect(
                    fast == openAIEvents(body, streaming: streaming, fast: false), "\(name), streaming \(streaming)")
            }
            #expect(ollamaEvents(body, fast: true) == ollamaEvents(body, fast: false), "\(name)")
        }
    }

    // MARK: Single chunks

    /// The chunk in `bytes` read both ways; `fastRead` says whether the fast reader took it.
    private func compareOpenAI(_ bytes: [UInt8]) -> (agrees: Bool, fastRead: Bool) {
        let buffer = ByteBuffer(bytes: bytes)
        let fastRead = buffer.withUnsafeReadableBytes { (try? OpenAIChunk(reading: $0)) != nil }
        let fast = Result { () throws(ResponseDecodingError) in
            try OpenAIChunk.decode(buffer, usingFastReader: true)
        }
        let reference = Result { () throws(ResponseDecodingError) in
            try OpenAIChunk.decode(buffer, usingFastReader: false)
        }
        return (fast == reference, fastRead)
    }

    private func compareOllama(_ bytes: [UInt8]) -> (agrees: Bool, fastRead: Bool) {
        let buffer = ByteBuffer(bytes: bytes)
        let fastRead = buffer.withUnsafeReadableBytes { (try? OllamaChunk(reading: $0)) != nil }
        let fast = Result { () throws(ResponseDecodingError) in
            try OllamaChunk.decode(buffer, usingFastReader: true)
        }
        let reference = Result { () throws(ResponseDecodingError) in
            try OllamaChunk.decode(buffer, usingFastReader: false)
        }
        return (fast == reference, fastRead)
    }

    /// The JSON of every event in an SSE fixture, or of every line in an NDJSON one.
    private static func chunks(of fixture: String) throws -> [[UInt8]] {
        let lines = try Fixture.bytes(fixture).split(separator: UInt8(ascii: "\n")).map(Array.init)
        guard fixture.hasSuffix(".sse") else { return lines }
        return lines.filter { $0.starts(with: "data: {".utf8) }.map { Array($0.dropFirst(6)) }
    }

    @Test func theFastReaderTakesEveryRealChunkAndAgrees() throws {
        for fixture in Fixture.openAIStreams {
            for chunk in try Self.chunks(of: fixture) {
                let result = compareOpenAI(chunk)
                #expect(result.agrees && result.fastRead, "\(String(decoding: chunk, as: UTF8.self))")
            }
        }
        for fixture in ["llamacpp-chat-nonstream.json", "llamacpp-completions-nonstream.json"] {
            let result = compareOpenAI(try Fixture.bytes(fixture))
            #expect(result.agrees && result.fastRead, "\(fixture)")
        }
        for fixture in Fixture.ollamaStreams + ["ollama-qwen3-generate-stream-inline-think.ndjson"] {
            for chunk in try Self.chunks(of: fixture) {
                let result = compareOllama(chunk)
                #expect(result.agrees && result.fastRead, "\(String(decoding: chunk, as: UTF8.self))")
            }
        }
    }

    @Test func realChunksCutAtEveryByteDecodeAlike() throws {
        let openAI = try Self.chunks(of: "llamacpp-chat-stream.sse")
        for chunk in [openAI[0], openAI[1], openAI.last!] {
            for end in 0...chunk.count {
                #expect(compareOpenAI(Array(chunk[..<end])).agrees, "cut at \(end) of \(chunk.count)")
            }
        }
        let ollama = try Self.chunks(of: "ollama-generate-stream.ndjson")
        for chunk in [ollama[0], ollama.last!] {
            for end in 0...chunk.count {
                #expect(compareOllama(Array(chunk[..<end])).agrees, "cut at \(end) of \(chunk.count)")
            }
        }
    }

    @Test func generatedOpenAIChunksDecodeAlike() {
        var generator = JSONChunkGenerator(seed: 0x5EED_0A1)
        var fastReads = 0
        let count = 4_000
        for _ in 0..<count {
            let chunk = generator.openAIChunk()
            let result = compareOpenAI(chunk)
            if result.fastRead { fastReads += 1 }
            #expect(result.agrees, "\(String(decoding: chunk, as: UTF8.self)) \(chunk)")
        }
        // The generator must exercise the fast reader, not only its fallback.
        #expect(fastReads > count / 5, "fast reads: \(fastReads)")
    }

    @Test func generatedOllamaLinesDecodeAlike() {
        var generator = JSONChunkGenerator(seed: 0x5EED_011)
        var fastReads = 0
        let count = 4_000
        for _ in 0..<count {
            let chunk = generator.ollamaChunk()
            let result = compareOllama(chunk)
            if result.fastRead { fastReads += 1 }
            #expect(result.agrees, "\(String(decoding: chunk, as: UTF8.self)) \(chunk)")
        }
        #expect(fastReads > count / 5, "fast reads: \(fastReads)")
    }

    /// Generated chunks as whole SSE and NDJSON streams: the same events, or the same error.
    @Test func generatedStreamsGiveTheSameEvents() {
        var generator = JSONChunkGenerator(seed: 0x5EED_5EE)
        for _ in 0..<300 {
            var sse: [UInt8] = []
            var ndjson: [UInt8] = []
            for _ in 0..<4 {
                sse += Array("data: ".utf8) + generator.openAIChunk().filter { $0 != UInt8(ascii: "\n") } + [10, 10]
                ndjson += generator.ollamaChunk().filter { $0 != UInt8(ascii: "\n") } + [10]
            }
            let sseChunks = Fixture.chunks(sse, size: 37)
            #expect(openAIEvents(sseChunks, fast: true) == openAIEvents(sseChunks, fast: false))
            let ndjsonChunks = Fixture.chunks(ndjson, size: 37)
            #expect(ollamaEvents(ndjsonChunks, fast: true) == ollamaEvents(ndjsonChunks, fast: false))
        }
    }
}
