import LLMLoadCore

/// Fits the prompts of a replayed trace to the entries' lengths as the server counts them,
/// before any load is sent, as ``PromptCalibrator`` fits `--input-tokens`.
///
/// Two counts give the server's tokens per corpus word, which sets how many words a hash id's
/// block has (about ``Trace/blockTokens`` tokens). Then each entry's prompt (its blocks, or its
/// own window of the corpus) is cut to the number of words whose whole prompt the server counts
/// as the entry's length, to within 0.2 % (one token at least): about two counts an entry,
/// fewer where entries repeat the same ids and length. An entry shorter than the shortest
/// prompt the server can count (its chat template and the tag) gets that shortest prompt, and
/// is counted in ``Result/raisedEntries``; an entry the server cuts stops the run.
public struct TraceCalibrator: Sendable {
    public var corpus: Corpus
    public var counter: any TokenCounter
    /// The run's tag; `nil` when the run sends none (`--no-unique-prompts`).
    public var tag: PromptTag?
    public var seed: UInt64
    /// Counts in flight at once.
    public var maximumConcurrentCounts = 4

    public init(corpus: Corpus, counter: any TokenCounter, tag: PromptTag?, seed: UInt64) {
        self.corpus = corpus
        self.counter = counter
        self.tag = tag
        self.seed = seed
    }

    /// The prompts, and what it took to fit them.
    public struct Result: Sendable {
        public var prompts: TracePrompts
        public var tokensPerWord: Double
        public var serverCounts: Int
        /// The prompts fitted: one per distinct entry (ids and length).
        public var fits: Int
        /// The largest gap between an entry's length and its prompt's count, the raised ones aside.
        public var maxErrorTokens: Int
        /// Entries shorter than the shortest prompt the server counts, sent at that length.
        public var raisedEntries: Int
    }

    public func calibrate(_ trace: Trace) async throws -> Result {
        let (short, long) = (120, 1200)
        let shortCount = try await counter.count(header(0) + corpus.window(from: 0, words: short))
        let longCount = try await counter.count(header(1) + corpus.window(from: 0, words: long))
        let perWord = Double(longCount - shortCount) / Double(long - short)
        guard perWord > 0 else {
            throw CalibrationError(
                "the server counted \(shortCount) tokens for \(short) words and \(longCount) for \(long); "
                    + "its counts do not grow with the prompt")
        }
        let base = Double(shortCount) - perWord * Double(short)
        let text = TraceText(
            corpus: corpus, seed: seed, wordsPerBlock: max(1, Int((Double(trace.blockTokens) / perWord).rounded())))
        // Entries with the same ids and length have the same prompt; one without ids has its own.
        var firstOf: [Key: Int] = [:]
        var fitted: [Int] = []
        for (index, entry) in trace.entries.enumerated() {
            let key = entry.hashIDs.isEmpty ? Key.unshared(index) : .shared(entry.hashIDs, entry.inputTokens)
            if firstOf[key] == nil {
                firstOf[key] = index
                fitted.append(index)
            }
        }
        let calibrator = PromptCalibrator(corpus: corpus, counter: counter, tag: tag, seed: seed)
        let results = try await concurrently(Array(fitted.enumerated()), limit: maximumConcurrentCounts) {
            number, index in
            let entry = trace.entries[index]
            let found = try await calibrator.search(
                entry.inputTokens, from: Int(((Double(entry.inputTokens) - base) / perWord).rounded()),
                fewest: 0, perWord: perWord
            ) { attempt, words in
                try await counter.count(
                    header(2 + (number * 10 + attempt) % 90_000) + text.body(of: entry, index: index, words: words))
            }
            return (index, Fit(words: found.words, measured: found.measured, counts: found.counts))
        }
        var (maxError, raised) = (0, 0)
        var words: [Int] = []
        for (index, entry) in trace.entries.enumerated() {
            let key = entry.hashIDs.isEmpty ? Key.unshared(index) : .shared(entry.hashIDs, entry.inputTokens)
            guard let first = firstOf[key], let fit = results[first] else {
                preconditionFailure("every entry's prompt was fitted")
            }
            words.append(fit.words)
            let miss = fit.measured - entry.inputTokens
            if fit.words == 0 && miss > 0 {
                raised += 1
            } else if abs(miss) > InputLength.tolerance(forTarget: entry.inputTokens) {
                throw CalibrationError(
                    "line \(entry.line) of the trace: could not build a prompt of \(entry.inputTokens) tokens: "
                        + (miss < 0
                            ? "the server counted at most \(fit.measured); it cuts longer prompts (its context window, or the model's limit)"
                            : "the nearest the server counted was \(fit.measured)"))
            } else {
                maxError = max(maxError, abs(miss))
            }
        }
        return Result(
            prompts: TracePrompts(
                entries: trace.entries, text: text, words: words, sharedHeader: TracePrompts.sharedHeader(tag)),
            tokensPerWord: perWord, serverCounts: 2 + results.values.map(\.counts).reduce(0, +),
            fits: fitted.count, maxErrorTokens: maxError, raisedEntries: raised)
    }

    private enum Key: Hashable {
        case shared([Int], Int)
        case unshared(Int)
    }

    private struct Fit: Sendable {
        var words: Int
        var measured: Int
        var counts: Int
    }

    /// A tag of the run's shape but a number no request of the load has (900 000 and up), so
    /// that no count leaves a server's prefix cache holding a prompt of the load.
    private func header(_ number: Int) -> String {
        tag?.text(forRequest: 900_000 + number) ?? ""
    }
}
