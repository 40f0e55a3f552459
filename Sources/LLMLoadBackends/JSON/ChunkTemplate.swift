#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a chunk's text value lies in its bytes (both quotes included), and which field it fills.
package struct TextHole<Field: Sendable>: Sendable {
    package var field: Field
    package var range: Range<Int>
}

/// A chunk the reader can also read through a ``ChunkTemplate``: it says where its text value
/// was, and makes a copy of itself with another text there.
package protocol TemplatedChunk: ReadableChunk, Sendable {
    /// The text fields a hole can be in.
    associatedtype TextField: Sendable

    /// Reads the chunk as ``ReadableChunk/init(reading:repeats:)`` does, and tells where a
    /// template could take its text from: a string it read into `hole.field`, which nothing
    /// else of the chunk depends on.
    init(reading bytes: UnsafeRawBufferPointer, repeats: inout RepeatedMembers, hole: inout TextHole<TextField>?)
        throws(JSONFallback)

    /// This chunk with `text` in `field`.
    func replacingText(_ field: TextField, with text: String) -> Self
}

/// The last chunk a stream's reader read, kept whole with the place of its text, so that a next
/// chunk with the same bytes around another string is read by two compares and the string.
///
/// A streaming server writes one chunk a token, and the chunks of a stream differ in their text
/// alone: `{"id":…,"choices":[{"index":0,"delta":{"content":"` + token + `"},…}]}`. The reader
/// goes through the same bytes in the same state up to the text, reads the text, and goes
/// through the same bytes in the same state after it, so the chunk read is the kept one with
/// the new text; nothing before or after a string's value depends on it. The text is read
/// with the reader's own string reading, under its rules: anything it gives up on, anything
/// but a string there, and any other byte before or after makes the chunk a miss, read in
/// full (and by `JSONDecoder` where the reader gives up).
///
/// A chunk read in full that has a hole replaces the template: a stream that changes shape
/// (the role's first chunk, `created` when the second turns, reasoning then answer) costs one
/// read in full and one copy of that chunk's bytes, into storage kept from the last.
package struct ChunkTemplate<Chunk: TemplatedChunk>: Sendable {
    /// Longer chunks are not kept: a stream's usual chunk is 150–300 bytes.
    static var maximumLength: Int { 2_048 }

    private var bytes: [UInt8] = []
    private var hole: TextHole<Chunk.TextField>?
    private var chunk: Chunk?
    /// Chunks read through the template, and chunks it learnt (the tests check that it is used).
    package private(set) var hits = 0
    package private(set) var learnt = 0

    package init() {}

    /// The kept chunk and the field its hole fills, when there is one.
    package var kept: (chunk: Chunk, field: Chunk.TextField)? {
        guard let chunk, let hole else { return nil }
        return (chunk, hole.field)
    }

    /// The chunk in `new`, if it is the kept one's bytes around another string.
    mutating func read(_ new: UnsafeRawBufferPointer) -> Chunk? {
        guard let text = match(new), let kept else { return nil }
        return kept.chunk.replacingText(kept.field, with: text)
    }

    /// The string in the hole, if `new` is the kept chunk's bytes around another string.
    @inline(__always)
    package mutating func match(_ new: UnsafeRawBufferPointer) -> String? {
        guard let hole, let newBase = new.baseAddress else { return nil }
        let prefix = hole.range.lowerBound
        let suffix = bytes.count - hole.range.upperBound
        // The shortest string is two quotes.
        guard new.count >= prefix + 2 + suffix else { return nil }
        let text: String? = bytes.withUnsafeBytes { kept in
            guard let keptBase = kept.baseAddress,
                memcmp(newBase + (new.count - suffix), keptBase + hole.range.upperBound, suffix) == 0,
                memcmp(newBase, keptBase, prefix) == 0
            else { return nil }
            var scanner = JSONScanner(new, at: prefix)
            guard let text = try? scanner.string(), scanner.position == new.count - suffix else { return nil }
            return text
        }
        if text != nil { hits += 1 }
        return text
    }

    /// Keeps `chunk`, read in full from `read`, if it has a hole.
    mutating func learn(_ read: UnsafeRawBufferPointer, chunk: Chunk, hole: TextHole<Chunk.TextField>?) {
        guard let hole, read.count <= Self.maximumLength else { return }
        // Kept storage: after the first, a chunk learnt costs a copy, not an allocation.
        if bytes.isEmpty { bytes.reserveCapacity(256) }
        bytes.removeAll(keepingCapacity: true)
        bytes.append(contentsOf: read)
        self.hole = hole
        self.chunk = chunk
        learnt += 1
    }
}

extension TemplatedChunk {
    /// The chunk in `bytes`: through `template` when it can, else as
    /// ``ReadableChunk/decode(_:usingFastReader:repeats:)`` reads it, teaching `template`.
    package static func decode(
        _ bytes: UnsafeRawBufferPointer,
        usingFastReader: Bool,
        repeats: inout RepeatedMembers,
        template: inout ChunkTemplate<Self>
    ) throws(ResponseDecodingError) -> Self {
        if usingFastReader, let chunk = template.read(bytes) { return chunk }
        return try decodeInFull(bytes, usingFastReader: usingFastReader, repeats: &repeats, template: &template)
    }

    /// The chunk in `bytes` without trying `template` (the caller did), teaching it.
    package static func decodeInFull(
        _ bytes: UnsafeRawBufferPointer,
        usingFastReader: Bool,
        repeats: inout RepeatedMembers,
        template: inout ChunkTemplate<Self>
    ) throws(ResponseDecodingError) -> Self {
        guard usingFastReader else { return try decode(bytes, usingFastReader: false, repeats: &repeats) }
        do throws(JSONFallback) {
            var hole: TextHole<TextField>?
            let chunk = try Self(reading: bytes, repeats: &repeats, hole: &hole)
            repeats.chunkRead()
            template.learn(bytes, chunk: chunk, hole: hole)
            return chunk
        } catch {
            repeats.chunkAbandoned()
        }
        return try decode(bytes, usingFastReader: false, repeats: &repeats)
    }
}
