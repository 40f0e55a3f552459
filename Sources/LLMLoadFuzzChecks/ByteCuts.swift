import LLMLoadCore
import NIOCore

/// Network chunks made from one fuzz input, the same every time for the same bytes.
enum ByteCuts {
    /// `bytes` cut at points drawn from a generator seeded with the bytes' own hash: a mutation
    /// of the input also moves the cuts, so the fuzzer explores both, and a saved input
    /// replays exactly. Pieces are 0–32 bytes (empty chunks happen on the wire too).
    static func pseudoRandom(_ bytes: [UInt8]) -> [ByteBuffer] {
        var generator = SplitMix64(seed: fnv1a(bytes))
        var chunks: [ByteBuffer] = []
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + Int(generator.next() % 33))
            chunks.append(ByteBuffer(bytes: bytes[start..<end]))
            start = end
        }
        return chunks
    }

    /// `bytes` as one chunk, the reference the cut versions must match.
    static func whole(_ bytes: [UInt8]) -> [ByteBuffer] { [ByteBuffer(bytes: bytes)] }

    /// FNV-1a, 64 bits.
    static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }
}
