/// The known keys already met in one JSON object, so that a repeated one — which `JSONDecoder`
/// resolves by rules of its own — sends the chunk to `JSONDecoder`.
struct KeySet {
    private var bits: UInt32 = 0

    /// Records key number `index` (0 ..< 32), giving up if it was already met.
    mutating func insert(_ index: Int) throws(JSONFallback) {
        let bit: UInt32 = 1 << index
        guard bits & bit == 0 else { throw JSONFallback() }
        bits |= bit
    }
}
