/// The fast path for OpenAI-compatible chunks: the fields llmload uses, read straight from the
/// bytes, with the exact meaning of ``OpenAIChunk``'s `Decodable` conformance.
///
/// Where `JSONDecoder` would throw (a wrong type anywhere it decodes with `try`) or where its
/// answer takes care to reproduce (a `try?` member of the wrong type, a repeated key), the reader
/// gives up and the caller asks `JSONDecoder`.
extension OpenAIChunk: TemplatedChunk {
    /// The text fields of the first choice that a ``ChunkTemplate`` can fill.
    package enum TextField: Sendable {
        case content, reasoningContent, reasoning, text
    }

    /// Reads one chunk.
    ///
    /// - Throws: ``JSONFallback`` when `JSONDecoder` must decide.
    package init(reading bytes: UnsafeRawBufferPointer, repeats: inout RepeatedMembers) throws(JSONFallback) {
        var hole: TextHole<TextField>?
        try self.init(reading: bytes, repeats: &repeats, hole: &hole)
    }

    /// Reads one chunk, and where its first choice's text was: the last string of its `delta`'s
    /// text fields or its `text`, an empty one only where none other was.
    ///
    /// - Throws: ``JSONFallback`` when `JSONDecoder` must decide.
    package init(
        reading bytes: UnsafeRawBufferPointer, repeats: inout RepeatedMembers, hole: inout TextHole<TextField>?
    ) throws(JSONFallback) {
        // Built in locals and moved in once: assigning members of `self` one by one copied the
        // whole chunk.
        var firstChoice: Choice?
        var usage: Usage?
        var timings: Timings?
        var error: String?
        var scanner = JSONScanner(bytes)
        try scanner.beginObject()
        var seen = KeySet()
        var isFirst = true
        while try scanner.nextMember(&isFirst) {
            if repeats.skip(in: &scanner) { continue }
            let start = scanner.position
            let key = try scanner.key()
            if key.equals("choices") {
                try seen.insert(0)
                firstChoice = try Self.readChoices(&scanner, hole: &hole)
            } else if key.equals("usage") {
                try seen.insert(1)
                usage = try Self.readUsage(&scanner)
            } else if key.equals("timings") {
                try seen.insert(2)
                timings = try Self.readTimings(&scanner)
            } else if key.equals("error") {
                try seen.insert(3)
                error = try Self.readError(&scanner)
            } else {
                try scanner.skipValue()
                repeats.skipped(scanner.bytes(from: start), keyLength: key.count)
            }
        }
        guard scanner.isAtEnd() else { throw JSONFallback() }
        self.init(firstChoice: firstChoice, usage: usage, timings: timings, error: error)
    }

    /// `choices`: `null`, or an array of choice objects of which the first is kept.
    private static func readChoices(_ scanner: inout JSONScanner, hole: inout TextHole<TextField>?)
        throws(JSONFallback) -> Choice?
    {
        if try scanner.skipNull() { return nil }
        try scanner.beginArray()
        var first: Choice?
        var isFirst = true
        while try scanner.hasNextElement(&isFirst) {
            let choice = try readChoice(&scanner, hole: &hole, records: first == nil)
            if first == nil { first = choice }
        }
        return first
    }

    /// Notes a string read into `field` as the hole, if `records`; an empty one does not take the
    /// place of one with text.
    @inline(__always)
    private static func note(
        _ value: String?, _ span: Range<Int>?, as field: TextField, in hole: inout TextHole<TextField>?,
        records: Bool
    ) {
        guard records, let value, let span, hole == nil || !value.isEmpty else { return }
        hole = TextHole(field: field, range: span)
    }

    /// Built in locals, as the chunk is: a choice's fields set one by one were copied.
    private static func readChoice(_ scanner: inout JSONScanner, hole: inout TextHole<TextField>?, records: Bool)
        throws(JSONFallback) -> Choice
    {
        var delta: Delta?
        var message: Delta?
        var text: String?
        var finishReason: String?
        var seen = KeySet()
        try scanner.beginObject()
        var isFirst = true
        while let key = try scanner.nextKey(&isFirst) {
            if key.equals("delta") {
                try seen.insert(0)
                delta = try readDelta(&scanner, hole: &hole, records: records)
            } else if key.equals("message") {
                try seen.insert(1)
                message = try readDelta(&scanner, hole: &hole, records: false)
            } else if key.equals("text") {
                try seen.insert(2)
                var span: Range<Int>?
                text = try scanner.stringOrNull(span: &span)
                note(text, span, as: .text, in: &hole, records: records)
            } else if key.equals("finish_reason") {
                try seen.insert(3)
                finishReason = try scanner.stringOrNull()
            } else {
                try scanner.skipValue()
            }
        }
        return Choice(delta: delta, message: message, text: text, finishReason: finishReason)
    }

    /// A `delta` or `message`; its strings are noted as the hole if `records`.
    private static func readDelta(_ scanner: inout JSONScanner, hole: inout TextHole<TextField>?, records: Bool)
        throws(JSONFallback) -> Delta?
    {
        if try scanner.skipNull() { return nil }
        var content: String?
        var reasoningContent: String?
        var reasoning: String?
        var seen = KeySet()
        try scanner.beginObject()
        var isFirst = true
        while let key = try scanner.nextKey(&isFirst) {
            if key.equals("content") {
                try seen.insert(0)
                var span: Range<Int>?
                content = try scanner.stringOrNull(span: &span)
                note(content, span, as: .content, in: &hole, records: records)
            } else if key.equals("reasoning_content") {
                try seen.insert(1)
                var span: Range<Int>?
                reasoningContent = try scanner.stringOrNull(span: &span)
                note(reasoningContent, span, as: .reasoningContent, in: &hole, records: records)
            } else if key.equals("reasoning") {
                try seen.insert(2)
                var span: Range<Int>?
                reasoning = try scanner.stringOrNull(span: &span)
                note(reasoning, span, as: .reasoning, in: &hole, records: records)
            } else {
                try scanner.skipValue()
            }
        }
        return Delta(content: content, reasoningContent: reasoningContent, reasoning: reasoning)
    }

    /// `usage`, decoded with `try?`: a count that is not an exact `Int` makes `JSONDecoder` drop
    /// the whole member, so the reader leaves that case to it.
    private static func readUsage(_ scanner: inout JSONScanner) throws(JSONFallback) -> Usage? {
        if try scanner.skipNull() { return nil }
        var usage = Usage()
        var seen = KeySet()
        try scanner.beginObject()
        var isFirst = true
        while let key = try scanner.nextKey(&isFirst) {
            if key.equals("prompt_tokens") {
                try seen.insert(0)
                usage.promptTokens = try scanner.integerOrNull()
            } else if key.equals("completion_tokens") {
                try seen.insert(1)
                usage.completionTokens = try scanner.integerOrNull()
            } else if key.equals("prompt_tokens_details") {
                try seen.insert(2)
                usage.cachedTokens = try readDetailCount("cached_tokens", &scanner)
            } else if key.equals("completion_tokens_details") {
                try seen.insert(3)
                usage.reasoningTokens = try readDetailCount("reasoning_tokens", &scanner)
            } else {
                try scanner.skipValue()
            }
        }
        return usage
    }

    /// One count in a usage's details (`prompt_tokens_details.cached_tokens` of OpenAI, vLLM and
    /// SGLang; `completion_tokens_details.reasoning_tokens`): `null` or an object. Anything odd
    /// in it (a wrong type, a repeated key) is left to `JSONDecoder`.
    private static func readDetailCount(_ name: StaticString, _ scanner: inout JSONScanner) throws(JSONFallback)
        -> Int?
    {
        if try scanner.skipNull() { return nil }
        var count: Int?
        var seen = KeySet()
        try scanner.beginObject()
        var isFirst = true
        while let key = try scanner.nextKey(&isFirst) {
            if key.equals(name) {
                try seen.insert(0)
                count = try scanner.integerOrNull()
            } else {
                try scanner.skipValue()
            }
        }
        return count
    }

    private static func readTimings(_ scanner: inout JSONScanner) throws(JSONFallback) -> Timings? {
        if try scanner.skipNull() { return nil }
        var timings = Timings()
        var seen = KeySet()
        try scanner.beginObject()
        var isFirst = true
        while let key = try scanner.nextKey(&isFirst) {
            if key.equals("prompt_ms") {
                try seen.insert(0)
                timings.promptMilliseconds = try scanner.doubleOrNull()
            } else if key.equals("predicted_ms") {
                try seen.insert(1)
                timings.predictedMilliseconds = try scanner.doubleOrNull()
            } else if key.equals("prompt_per_second") {
                try seen.insert(2)
                timings.promptPerSecond = try scanner.doubleOrNull()
            } else if key.equals("predicted_per_second") {
                try seen.insert(3)
                timings.predictedPerSecond = try scanner.doubleOrNull()
            } else if key.equals("cache_n") {
                try seen.insert(4)
                timings.cachedPromptTokens = try scanner.integerOrNull()
            } else {
                try scanner.skipValue()
            }
        }
        return timings
    }

    /// `error`: an object's `message`, a string, `null` (no error), or any other value (an error
    /// without a readable message).
    private static func readError(_ scanner: inout JSONScanner) throws(JSONFallback) -> String? {
        switch try scanner.peek() {
        case UInt8(ascii: "n"):
            _ = try scanner.skipNull()
            return nil
        case UInt8(ascii: "\""):
            return try scanner.string()
        case UInt8(ascii: "{"):
            var message: String?
            var seen = KeySet()
            try scanner.beginObject()
            var isFirst = true
            while let key = try scanner.nextKey(&isFirst) {
                if key.equals("message") {
                    try seen.insert(0)
                    message = try scanner.stringOrNull()
                } else {
                    try scanner.skipValue()
                }
            }
            return message ?? "error (no message)"
        default:
            try scanner.skipValue()
            return "error (unreadable payload)"
        }
    }
}
