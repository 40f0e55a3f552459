import LLMLoadCore

/// Seeded random JSON chunks in the shapes of OpenAI and Ollama streaming responses, mostly
/// well-formed and of the right types, with the hard cases mixed in: every string escape,
/// `\u` surrogate pairs and lone surrogates, raw multi-byte and invalid UTF-8, nested values
/// under unknown keys, repeated keys, numbers in every form, whitespace everywhere, and a
/// few outright syntax errors.
struct JSONChunkGenerator {
    private var random: SplitMix64

    init(seed: UInt64) {
        random = SplitMix64(seed: seed)
    }

    /// One OpenAI chat or completions chunk.
    mutating func openAIChunk() -> [UInt8] {
        object(
            [
                ("choices", { $0.array(of: { $0.openAIChoice() }) }),
                (
                    "usage",
                    {
                        $0.object([
                            ("prompt_tokens", { $0.integer() }), ("completion_tokens", { $0.integer() }),
                            ("completion_tokens_details", { $0.object([("reasoning_tokens", { $0.integer() })]) }),
                        ])
                    }
                ),
                ("timings", { $0.timings() }),
                ("error", { $0.errorValue() }),
            ],
            presence: 0.3)
    }

    /// One Ollama generate or chat line.
    mutating func ollamaChunk() -> [UInt8] {
        let message: (inout Self) -> [UInt8] = {
            $0.object([("role", { $0.string() }), ("content", { $0.string() }), ("thinking", { $0.string() })])
        }
        return object(
            [
                ("model", { $0.string() }), ("response", { $0.string() }), ("thinking", { $0.string() }),
                ("message", message), ("done", { $0.bool() }), ("done_reason", { $0.string() }),
                ("error", { $0.errorValue() }), ("prompt_eval_count", { $0.integer() }),
                ("eval_count", { $0.integer() }), ("total_duration", { $0.integer() }),
                ("load_duration", { $0.integer() }), ("prompt_eval_duration", { $0.integer() }),
                ("eval_duration", { $0.integer() }),
            ],
            presence: 0.35)
    }

    private mutating func openAIChoice() -> [UInt8] {
        let delta: (inout Self) -> [UInt8] = {
            $0.object([
                ("role", { $0.string() }), ("content", { $0.string() }), ("reasoning_content", { $0.string() }),
                ("reasoning", { $0.string() }),
            ])
        }
        return object([
            ("index", { $0.integer() }), ("delta", delta), ("message", delta), ("text", { $0.string() }),
            ("finish_reason", { $0.string() }),
        ])
    }

    private mutating func timings() -> [UInt8] {
        object([
            ("prompt_n", { $0.integer() }), ("prompt_ms", { $0.number() }), ("predicted_ms", { $0.number() }),
            ("prompt_per_second", { $0.number() }), ("predicted_per_second", { $0.number() }),
        ])
    }

    private mutating func errorValue() -> [UInt8] {
        switch chance(among: 6) {
        case 0: return object([("message", { $0.string() }), ("type", { $0.string() }), ("code", { $0.integer() })])
        case 1: return string()
        case 2: return Array("null".utf8)
        case 3: return object([("code", { $0.integer() })])
        default: return anyValue(depth: 2)
        }
    }

    // MARK: Structure

    /// An object with each of `members` present with probability `presence`, in random order,
    /// among unknown keys; a member's value is sometimes of another type, sometimes repeated.
    private mutating func object(
        _ members: [(String, (inout Self) -> [UInt8])],
        presence: Double = 0.6
    ) -> [UInt8] {
        if chance(0.03) { return Array("null".utf8) }
        var entries: [[UInt8]] = []
        for (key, value) in members where random.nextUnit() < presence {
            let text = chance(0.08) ? anyValue(depth: 2) : value(&self)
            entries.append(member(key, text))
            if chance(0.02) { entries.append(member(key, value(&self))) }
        }
        for _ in 0..<chance(among: 3) { entries.append(member(unknownKey(), anyValue(depth: 3))) }
        entries.shuffle(using: &random)
        return wrap("{", entries, "}")
    }

    private mutating func array(of element: (inout Self) -> [UInt8]) -> [UInt8] {
        if chance(0.05) { return Array("null".utf8) }
        return wrap("[", (0..<chance(among: 3)).map { _ in element(&self) }, "]")
    }

    private mutating func member(_ key: String, _ value: [UInt8]) -> [UInt8] {
        let quoted: [UInt8] =
            chance(0.02) ? Array("\"\\u00\(String(key.utf8.first!, radix: 16))\(key.dropFirst())\"".utf8) : quote(key)
        return whitespace() + quoted + whitespace() + [UInt8(ascii: ":")] + whitespace() + value + whitespace()
    }

    private mutating func wrap(_ open: Character, _ entries: [[UInt8]], _ close: Character) -> [UInt8] {
        var bytes = whitespace() + [open.asciiValue!]
        for (index, entry) in entries.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes += entry
        }
        if chance(0.01) { bytes.append(UInt8(ascii: ",")) }  // a trailing comma: invalid
        return bytes + whitespace() + [close.asciiValue!] + whitespace()
    }

    private mutating func anyValue(depth: Int) -> [UInt8] {
        switch chance(among: depth > 0 ? 7 : 4) {
        case 0: return string()
        case 1: return number()
        case 2: return bool()
        case 3: return Array("null".utf8)
        case 4, 5:
            let count = chance(among: 3)
            return wrap("{", (0..<count).map { _ in member(unknownKey(), anyValue(depth: depth - 1)) }, "}")
        default: return wrap("[", (0..<chance(among: 3)).map { _ in anyValue(depth: depth - 1) }, "]")
        }
    }

    // MARK: Scalars

    private static let keys = ["id", "object", "created", "model", "role", "index", "logprobs", "content2", "é"]

    private mutating func unknownKey() -> String { Self.keys.randomElement(using: &random)! }

    private mutating func bool() -> [UInt8] { Array((chance(0.5) ? "true" : "false").utf8) }

    /// Mostly plain integers, also every edge an integer field can meet.
    private mutating func integer() -> [UInt8] {
        chance(0.7) ? Array(String(Int(random.next() % 100_000)).utf8) : number()
    }

    private static let numbers = [
        "0", "-0", "7", "-12", "31", "321.479", "0.5", "-0.0", "1e3", "1E+2", "2.5e-3", "1e400", "-1e400",
        "1e13", "10000000000000", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
        "-9223372036854775809", "123456789012345678901234567890", "62.74509803921569", "1.0", "3.000000000000000001",
        "0.1e1", "1.5E308", "4.9e-324", "01", "1.", "-", ".5", "+1", "0x10", "NaN", "Infinity",
    ]

    private mutating func number() -> [UInt8] {
        if chance(0.4) { return Array(String(Double(random.next() % 1_000_000) / 1000).utf8) }
        return Array(Self.numbers.randomElement(using: &random)!.utf8)
    }

    private static let pieces: [[UInt8]] = [
        "Hello", " world", "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t", "\\u0041", "\\u00e9", "\\u4eba",
        "\\u003cthink\\u003e", "\\uD83D\\uDE00", "\\ud83d\\ude00", "\\uD800", "\\uDC00", "\\uD83Dx", "\\u0000",
        "é", "人工智能", "😀", "\\x", "\\u12", "\t",
    ].map { Array($0.utf8) }

    private static let invalidUTF8: [[UInt8]] = [
        [0xFF], [0xC3], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE4, 0xBA], [0x80],
    ]

    mutating func string() -> [UInt8] {
        var bytes = [UInt8(ascii: "\"")]
        for _ in 0..<chance(among: 4) {
            if chance(0.03) {
                bytes += Self.invalidUTF8.randomElement(using: &random)!
            } else {
                bytes += Self.pieces[chance(among: chance(0.9) ? 3 : Self.pieces.count)]
            }
        }
        return bytes + [UInt8(ascii: "\"")]
    }

    private func quote(_ text: String) -> [UInt8] { [UInt8(ascii: "\"")] + Array(text.utf8) + [UInt8(ascii: "\"")] }

    private mutating func whitespace() -> [UInt8] {
        chance(0.8)
            ? [] : [Array(" ".utf8), Array("\n".utf8), Array("\t ".utf8), Array("\r\n  ".utf8)][chance(among: 4)]
    }

    private mutating func chance(_ probability: Double) -> Bool { random.nextUnit() < probability }

    private mutating func chance(among count: Int) -> Int { Int(random.next() % UInt64(count)) }
}

extension [UInt8] {
    /// A copy with one byte replaced, removed or inserted at a random place: a byte that matters
    /// to JSON, or one that breaks UTF-8.
    func changedByOneByte(using random: inout SplitMix64) -> [UInt8] {
        let bytes = Array("0123456789.eE-+\"\\,:{}[] \nxtn".utf8) + [0x80, 0xC3, 0x00]
        var changed = self
        let at = Int(random.next() % UInt64(changed.count + 1))
        let byte = bytes[Int(random.next() % UInt64(bytes.count))]
        switch random.next() % 3 {
        case 0 where at < changed.count: changed[at] = byte
        case 1 where at < changed.count: changed.remove(at: at)
        default: changed.insert(byte, at: at)
        }
        return changed
    }
}
