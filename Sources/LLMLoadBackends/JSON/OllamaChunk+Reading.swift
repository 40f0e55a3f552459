/// The fast path for Ollama NDJSON lines: the fields llmload uses, read straight from the bytes,
/// with the exact meaning of ``OllamaChunk``'s `Decodable` conformance.
///
/// Where `JSONDecoder` would throw (a wrong type anywhere it decodes with `try`) or where its
/// answer takes care to reproduce (a count that is not an exact integer, an `error` object, a
/// repeated key), the reader gives up and the caller asks `JSONDecoder`.
extension OllamaChunk: ReadableChunk {
    /// Reads one line.
    ///
    /// - Throws: ``JSONFallback`` when `JSONDecoder` must decide.
    package init(reading bytes: UnsafeRawBufferPointer, repeats: inout RepeatedMembers) throws(JSONFallback) {
        // Built in locals and moved in once: assigning members of `self` one by one, or a whole
        // local chunk, copied the chunk.
        var response: String?
        var thinking: String?
        var message: Message?
        var done: Bool?
        var doneReason: String?
        var error: String?
        var promptEvalCount: Int?
        var evalCount: Int?
        var totalDuration: Int64?
        var loadDuration: Int64?
        var promptEvalDuration: Int64?
        var evalDuration: Int64?
        var scanner = JSONScanner(bytes)
        try scanner.beginObject()
        var seen = KeySet()
        var isFirst = true
        while try scanner.nextMember(&isFirst) {
            if repeats.skip(in: &scanner) { continue }
            let start = scanner.position
            let key = try scanner.key()
            if key.equals("response") {
                try seen.insert(0)
                response = try scanner.stringOrNull()
            } else if key.equals("thinking") {
                try seen.insert(1)
                thinking = try scanner.stringOrNull()
            } else if key.equals("message") {
                try seen.insert(2)
                message = try Self.readMessage(&scanner)
            } else if key.equals("done") {
                try seen.insert(3)
                done = try scanner.boolOrNull()
            } else if key.equals("done_reason") {
                try seen.insert(4)
                doneReason = try scanner.stringOrNull()
            } else if key.equals("error") {
                try seen.insert(5)
                error = try Self.readError(&scanner)
            } else if key.equals("prompt_eval_count") {
                try seen.insert(6)
                promptEvalCount = try scanner.integerOrNull()
            } else if key.equals("eval_count") {
                try seen.insert(7)
                evalCount = try scanner.integerOrNull()
            } else if key.equals("total_duration") {
                try seen.insert(8)
                totalDuration = try scanner.integerOrNull().map { Int64($0) }
            } else if key.equals("load_duration") {
                try seen.insert(9)
                loadDuration = try scanner.integerOrNull().map { Int64($0) }
            } else if key.equals("prompt_eval_duration") {
                try seen.insert(10)
                promptEvalDuration = try scanner.integerOrNull().map { Int64($0) }
            } else if key.equals("eval_duration") {
                try seen.insert(11)
                evalDuration = try scanner.integerOrNull().map { Int64($0) }
            } else {
                try scanner.skipValue()
                repeats.skipped(scanner.bytes(from: start), keyLength: key.count)
            }
        }
        guard scanner.isAtEnd() else { throw JSONFallback() }
        self.init(
            response: response, thinking: thinking, message: message, done: done, doneReason: doneReason,
            error: error, promptEvalCount: promptEvalCount, evalCount: evalCount, totalDuration: totalDuration,
            loadDuration: loadDuration, promptEvalDuration: promptEvalDuration, evalDuration: evalDuration)
    }

    private static func readMessage(_ scanner: inout JSONScanner) throws(JSONFallback) -> Message? {
        if try scanner.skipNull() { return nil }
        var message = Message()
        var seen = KeySet()
        try scanner.beginObject()
        var isFirst = true
        while let key = try scanner.nextKey(&isFirst) {
            if key.equals("content") {
                try seen.insert(0)
                message.content = try scanner.stringOrNull()
            } else if key.equals("thinking") {
                try seen.insert(1)
                message.thinking = try scanner.stringOrNull()
            } else {
                try scanner.skipValue()
            }
        }
        return message
    }

    /// `error`: a string (Ollama's own form), or `null`, which the `Decodable` conformance counts
    /// as present but unreadable. Objects and other values go to `JSONDecoder`.
    private static func readError(_ scanner: inout JSONScanner) throws(JSONFallback) -> String {
        if try scanner.skipNull() { return "error (unreadable payload)" }
        guard try scanner.peek() == UInt8(ascii: "\"") else { throw JSONFallback() }
        return try scanner.string()
    }
}
