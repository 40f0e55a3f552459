import Foundation
import NIOCore
import Testing

/// A captured or documented response body from `Fixtures/`.
enum Fixture {
    static func bytes(_ name: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil))
        return Array(try Data(contentsOf: url))
    }

    /// The status and body of a raw `.http` capture (status line, headers, blank line, body).
    static func httpResponse(_ name: String) throws -> (status: Int, body: [UInt8]) {
        let text = String(decoding: try bytes(name), as: UTF8.self)
        let parts = text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n")
        let status = Int(parts[0].split(separator: " ")[1])!
        return (status, Array(parts.dropFirst().joined(separator: "\n\n").utf8))
    }

    /// `bytes` cut into consecutive chunks of at most `size` bytes.
    static func chunks(_ bytes: [UInt8], size: Int) -> [ByteBuffer] {
        stride(from: 0, to: bytes.count, by: size).map { ByteBuffer(bytes: bytes[$0..<min($0 + size, bytes.count)]) }
    }

    /// Every way the tests cut `bytes` into network chunks: in two at every offset of the first
    /// ``denselyCutPrefix`` bytes (every kind of position inside and between the first events),
    /// in two within 3 bytes of every line break of the whole body (where framing decides), and
    /// into runs of equal-sized chunks. Each comes with a label for failure messages.
    ///
    /// Cutting at every offset of a whole 8 KB capture re-decodes it 8 000 times: ~25 s of CPU in
    /// a debug build, which starves the timing tests running beside it, for no position kind
    /// that the prefix and the line breaks do not already cover.
    static func cuts(_ bytes: [UInt8], chunkSizes: [Int]) -> [(label: String, chunks: [ByteBuffer])] {
        var offsets = Set(0...min(bytes.count, denselyCutPrefix))
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            offsets.formUnion(max(0, index - 3)...min(bytes.count, index + 4))
        }
        offsets.insert(bytes.count)
        return offsets.sorted().map { ("split at byte \($0)", split(bytes, at: $0)) }
            + chunkSizes.map { ("chunks of \($0) bytes", chunks(bytes, size: $0)) }
    }

    static let denselyCutPrefix = 1_024

    /// `bytes` cut in two at `offset`.
    static func split(_ bytes: [UInt8], at offset: Int) -> [ByteBuffer] {
        [ByteBuffer(bytes: bytes[..<offset]), ByteBuffer(bytes: bytes[offset...])]
    }

    static let openAIStreams = ["llamacpp-chat-stream.sse", "llamacpp-completions-stream.sse"]

    static let ollamaStreams = [
        "ollama-generate-stream.ndjson", "ollama-chat-stream.ndjson", "ollama-stream-midstream-error.ndjson",
    ]
}
