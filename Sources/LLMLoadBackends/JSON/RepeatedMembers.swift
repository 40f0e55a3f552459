#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The top-level members a stream's first chunk had that its reader skipped, byte for byte, so
/// that later chunks' identical ones are passed over with one compare instead of a scan.
///
/// Servers repeat most of a chunk in every chunk of a stream: llama.cpp, vLLM and SGLang send
/// `id`, `object`, `created`, `model` and `system_fingerprint` each time, Ollama `model`. Those
/// were most of a chunk's bytes and half its keys. A member whose bytes equal one already
/// checked, followed by the end of a value, is the same valid member
/// (``JSONScanner/skip(repeating:)``).
///
/// The members are kept from the first chunk read, in its order, and tried in that order: the
/// next one is compared at each member of a chunk until it matches. One that comes back with
/// another value (a timestamp, `created` when the second turns) is dropped for the rest of the
/// stream. Nothing is copied after the first chunk: copying each chunk's members cost as much
/// as the compares saved.
package struct RepeatedMembers: Sendable {
    private enum State {
        /// Keeps nothing (a chunk read on its own).
        case disabled
        /// Keeps the members of the chunk being read: no chunk was read to its end yet.
        case recording
        /// Tries the kept members on each chunk.
        case replaying
    }

    /// The kept members, each as a two-byte length then its bytes.
    private var members: [UInt8] = []
    /// Where in `members` the one to try next starts.
    private var cursor = 0
    private var state: State
    /// Members skipped by a compare so far (the tests check that repeats are found).
    package private(set) var skips = 0

    /// Bound on what is kept, so a stream of odd chunks costs a request a few KB at most.
    static let maximumLength = 4_096

    /// - Parameter isEnabled: `false` keeps nothing (a chunk read on its own).
    package init(isEnabled: Bool = true) {
        state = isEnabled ? .recording : .disabled
    }

    /// The length of the member whose bytes start at `start` in `members`.
    @inline(__always)
    private func length(before start: Int) -> Int {
        Int(members[start - 2]) | Int(members[start - 1]) << 8
    }

    /// Skips the next member if it repeats the kept one at the cursor.
    @inline(__always)
    mutating func skip(in scanner: inout JSONScanner) -> Bool {
        guard state == .replaying, cursor < members.count else { return false }
        let start = cursor + 2
        let end = start + length(before: start)
        let skipped = members.withUnsafeBytes { stored in
            scanner.skip(repeating: UnsafeRawBufferPointer(rebasing: stored[start..<end]))
        }
        if skipped { (cursor, skips) = (end, skips + 1) }
        return skipped
    }

    /// Tells that the reader has just read and skipped an unknown member (`"key":value`) whose key
    /// is `keyLength` bytes without its quotes: kept while recording; while replaying, the kept
    /// member at the cursor is dropped if it has the same key, as its value changes.
    @inline(__always)
    mutating func skipped(_ member: UnsafeRawBufferPointer, keyLength: Int) {
        switch state {
        case .disabled:
            return
        case .recording:
            guard !member.isEmpty, members.count + 2 + member.count <= Self.maximumLength else { return }
            // A usual first chunk's members at once (about 150 bytes), not three doublings.
            if members.isEmpty { members.reserveCapacity(256) }
            members.append(UInt8(truncatingIfNeeded: member.count))
            members.append(UInt8(truncatingIfNeeded: member.count >> 8))
            members.append(contentsOf: member)
        case .replaying:
            guard cursor < members.count else { return }
            let start = cursor + 2
            let end = start + length(before: start)
            // Keys have no escapes (the readers give up on those): a key ends at its second quote.
            let quoted = keyLength + 2
            let sameKey = members.withUnsafeBytes { stored in
                end - start > quoted && stored[start + quoted - 1] == UInt8(ascii: "\"")
                    && memcmp(stored.baseAddress! + start, member.baseAddress!, quoted) == 0
            }
            if sameKey { members.removeSubrange(cursor..<end) }
        }
    }

    /// The chunk was read to its end.
    mutating func chunkRead() {
        if state == .recording { state = .replaying }
        cursor = 0
    }

    /// The reader gave up on the chunk: what it kept of it is dropped.
    mutating func chunkAbandoned() {
        if state == .recording { members.removeAll(keepingCapacity: true) }
        cursor = 0
    }
}
