import LLMLoadCore

/// The prompts of a replayed trace (`--trace`): request *i* is entry *i*, its prompt fitted to
/// the entry's length by ``TraceCalibrator`` and its answer capped at the entry's length.
///
/// Prompts that list the same hash ids first share that text: each hash id stands for the same
/// block of corpus text (``TraceText``) wherever it appears, so a server's prefix cache matches
/// what it matched in production. Such prompts start with one header for the whole run (the
/// run's tag), so they share nothing with another run's; a prompt without hash ids (BurstGPT)
/// starts with its own request's tag and shares nothing.
public struct TracePrompts: PromptSource {
    public let entries: [Trace.Entry]
    public let text: TraceText
    /// The fitted number of corpus words of each entry's prompt.
    public let words: [Int]
    /// Before every prompt with hash ids; empty without `--unique-prompts`.
    public let sharedHeader: String

    /// - Precondition: one word count per entry.
    public init(entries: [Trace.Entry], text: TraceText, words: [Int], sharedHeader: String) {
        precondition(entries.count == words.count && !entries.isEmpty, "one fitted length per entry")
        self.entries = entries
        self.text = text
        self.words = words
        self.sharedHeader = sharedHeader
    }

    /// The header of every prompt with hash ids for a run tagged `tag`: the tag of a request
    /// number no run reaches, so it has the shape (and the tokens) of every other tag.
    public static func sharedHeader(_ tag: PromptTag?) -> String {
        tag?.text(forRequest: 999_999) ?? ""
    }

    public func plannedPrompt(forRequest index: Int, tag: String?) -> PlannedPrompt {
        let position = index % entries.count
        let entry = entries[position]
        let header = entry.hashIDs.isEmpty ? (tag ?? "") : sharedHeader
        return PlannedPrompt(
            Prompt(header + text.body(of: entry, index: position, words: words[position])),
            targetTokens: entry.inputTokens, maxOutputTokens: entry.outputTokens)
    }
}

/// The corpus text of trace prompts: where each hash id's block starts, and a prompt's text of
/// a given number of words.
public struct TraceText: Sendable {
    public let corpus: Corpus
    public let seed: UInt64
    /// Words of corpus text each hash id stands for: about the trace's block tokens.
    public let wordsPerBlock: Int

    public init(corpus: Corpus, seed: UInt64, wordsPerBlock: Int) {
        precondition(wordsPerBlock > 0, "a block has words")
        self.corpus = corpus
        self.seed = seed
        self.wordsPerBlock = wordsPerBlock
    }

    /// The first `words` words of the entry's text. With hash ids: each id's block in turn
    /// (every one but the last cut at ``wordsPerBlock``, the last going on as far as needed), so
    /// two entries with the same first ids have the same first blocks. Without: a window of
    /// the corpus at a place fixed by the entry's position in the trace.
    public func body(of entry: Trace.Entry, index: Int, words: Int) -> String {
        guard !entry.hashIDs.isEmpty else {
            return corpus.window(from: start(salt: 0x554E_5348_4152_4544, value: UInt64(index)), words: words)
        }
        var parts: [String] = []
        var left = words
        for (position, id) in entry.hashIDs.enumerated() where left > 0 {
            let count = position == entry.hashIDs.count - 1 ? left : min(left, wordsPerBlock)
            parts.append(
                corpus.window(from: start(salt: 0x424C_4F43_4B, value: UInt64(bitPattern: Int64(id))), words: count))
            left -= count
        }
        return parts.joined(separator: " ")
    }

    /// A word of the corpus, fixed by the seed and `value` ("BLOCK" and "UNSHARED" keep a hash id
    /// and a position apart).
    private func start(salt: UInt64, value: UInt64) -> Int {
        var generator = SplitMix64(seed: (seed ^ salt) &+ value &* 0x9E37_79B9_7F4A_7C15)
        return Int(generator.next() % UInt64(corpus.wordCount))
    }
}
