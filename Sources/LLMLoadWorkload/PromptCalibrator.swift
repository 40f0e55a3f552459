import LLMLoadCore

/// Fits corpus text to prompt lengths as the server counts them, before any load is sent.
///
/// Two counts give the server's tokens per corpus word; then each length is approached by
/// cutting a window of the corpus, having the server count the whole prompt, and correcting the
/// number of words, until the count is within 0.2 % (or one token) of the target. Each length
/// gets its own place in the corpus. A length whose best count stays outside 2 % (at least 10
/// tokens) stops the run with the figures.
public struct PromptCalibrator: Sendable {
    public var corpus: Corpus
    public var counter: any TokenCounter
    /// Tags of the same shape as the run's, a fresh one for every count, so that no server cache
    /// sees a repeated start; `nil` when the run sends no tags.
    public var tag: PromptTag?
    /// Fixes where in the corpus each length is cut.
    public var seed: UInt64
    /// Counts in flight at once.
    public var maximumConcurrentCounts = 4

    public init(corpus: Corpus, counter: any TokenCounter, tag: PromptTag?, seed: UInt64) {
        self.corpus = corpus
        self.counter = counter
        self.tag = tag
        self.seed = seed
    }

    /// The texts, and what it took to fit them.
    public struct Result: Sendable {
        /// The text every prompt starts with (`--shared-prefix`); empty when none.
        public var sharedPrefix: String
        /// The text after the tag, for each length.
        public var bodies: [Int: String]
        public var tokensPerWord: Double
        public var serverCounts: Int
        public var maxErrorTokens: Int
        public var sharedPrefixTokens: Int?
    }

    /// The largest gap from the target the search stops at: 0.2 %, at least one token.
    static func goal(_ target: Int) -> Int { max(1, target / 500) }

    /// - Parameters:
    ///   - levels: the prompt lengths to build, in server tokens.
    ///   - sharedPrefixTokens: tokens at the start of every prompt that are the same text.
    public func calibrate(levels: [Int], sharedPrefixTokens: Int?) async throws -> Result {
        // Two windows at the same place: their difference is the tokens per word.
        let (fitStart, short, long) = (0, 120, 1200)
        let shortCount = try await counter.count(compose("", tagIndex: 1000, words: short, from: fitStart))
        let longCount = try await counter.count(compose("", tagIndex: 1001, words: long, from: fitStart))
        let perWord = Double(longCount - shortCount) / Double(long - short)
        guard perWord > 0 else {
            throw CalibrationError(
                "the server counted \(shortCount) tokens for \(short) words and \(longCount) for \(long); "
                    + "its counts do not grow with the prompt")
        }
        let base = Double(shortCount) - perWord * Double(short)
        var counts = 2
        var shared = ""
        var sharedTokens: Int?
        if let target = sharedPrefixTokens {
            let fitted = try await fitSharedPrefix(
                target, perWord: perWord,
                probe: (window: corpus.window(from: fitStart, words: short), count: shortCount))
            (shared, sharedTokens) = (fitted.text, fitted.tokens)
            counts += fitted.counts
        }
        let start = base + Double(sharedTokens ?? 0)
        let fixed = shared
        let fitted = try await concurrently(Array(levels.enumerated()), limit: maximumConcurrentCounts) {
            position, target in
            (target, try await fit(target, position: position, shared: fixed, start: start, perWord: perWord))
        }
        return Result(
            sharedPrefix: fixed,
            bodies: fitted.mapValues(\.body),
            tokensPerWord: perWord,
            serverCounts: counts + fitted.values.map(\.counts).reduce(0, +),
            maxErrorTokens: fitted.map { abs($0.value.count - $0.key) }.max() ?? 0,
            sharedPrefixTokens: sharedTokens
        )
    }

    private struct Fit: Sendable {
        var body: String
        var count: Int
        var counts: Int
    }

    /// The word count whose measure is nearest `target`: from `words`, corrected by the
    /// measured miss over `perWord` until within ``goal(_:)``, a count repeats, or ten tries.
    /// `measure` gets the try's number (for a fresh tag) and the word count.
    func search(
        _ target: Int, from words: Int, fewest: Int, perWord: Double,
        measure: (_ attempt: Int, _ words: Int) async throws -> Int
    ) async throws -> (words: Int, measured: Int, counts: Int) {
        var words = max(fewest, words)
        var measured = try await measure(0, words)
        var best = (words: words, measured: measured)
        var tried: Set<Int> = [words]
        var attempts = 1
        while attempts < 10, abs(measured - target) > Self.goal(target), !(words == fewest && measured > target) {
            var step = Int((Double(target - measured) / perWord).rounded())
            if step == 0 { step = target > measured ? 1 : -1 }
            words = max(fewest, words + step)
            guard tried.insert(words).inserted else { break }
            measured = try await measure(attempts, words)
            attempts += 1
            if abs(measured - target) < abs(best.measured - target) { best = (words, measured) }
        }
        return (best.words, best.measured, attempts)
    }

    /// The body of length `target`: a corpus window whose whole prompt the server counts as
    /// `target` tokens, or as near as words allow.
    private func fit(_ target: Int, position: Int, shared: String, start: Double, perWord: Double) async throws -> Fit {
        var generator = SplitMix64(seed: seed ^ UInt64(target))
        let offset = Int(generator.next() % UInt64(corpus.wordCount))
        let found = try await search(
            target, from: Int(((Double(target) - start) / perWord).rounded()), fewest: 0, perWord: perWord
        ) { attempt, words in
            try await counter.count(
                compose(shared, tagIndex: 1100 + position * 10 + attempt, words: words, from: offset))
        }
        if found.words == 0 && found.measured > target {
            throw CalibrationError(
                "the shortest prompt the server counts is \(found.measured) tokens (chat template, tag"
                    + (shared.isEmpty ? "" : ", shared prefix") + "); --input-tokens \(target) is below that")
        }
        guard abs(found.measured - target) <= InputLength.tolerance(forTarget: target) else {
            throw CalibrationError(
                found.measured < target
                    ? "could not build a prompt of \(target) tokens: the server counted at most \(found.measured); "
                        + "it cuts longer prompts (its context window, or the model's limit)"
                    : "could not build a prompt of \(target) tokens: the nearest the server counted was \(found.measured)"
            )
        }
        return Fit(body: corpus.window(from: offset, words: found.words), count: found.measured, counts: found.counts)
    }

    /// A shared prefix of `target` tokens: the difference it makes to the count of a probe prompt.
    private func fitSharedPrefix(
        _ target: Int, perWord: Double, probe: (window: String, count: Int)
    ) async throws -> (text: String, tokens: Int, counts: Int) {
        var generator = SplitMix64(seed: seed ^ 0x5348_4152_4544)  // "SHARED"
        let offset = Int(generator.next() % UInt64(corpus.wordCount))
        let found = try await search(
            target, from: Int((Double(target) / perWord).rounded()), fewest: 1, perWord: perWord
        ) { attempt, words in
            let prefix = corpus.window(from: offset, words: words) + Self.sharedSeparator
            return try await counter.count(prefix + (tag?.text(forRequest: 1010 + attempt) ?? "") + probe.window)
                - probe.count
        }
        guard abs(found.measured - target) <= InputLength.tolerance(forTarget: target) else {
            throw CalibrationError(
                "could not build a shared prefix of \(target) tokens: the nearest was \(found.measured)")
        }
        return (corpus.window(from: offset, words: found.words), found.measured, found.counts)
    }

    /// Between the shared prefix and the rest of the prompt.
    static let sharedSeparator = "\n\n"

    private func compose(_ shared: String, tagIndex: Int, words: Int, from offset: Int) -> String {
        SyntheticPrompts.text(
            shared: shared, tag: tag?.text(forRequest: tagIndex), body: corpus.window(from: offset, words: words))
    }
}

/// Why synthetic prompts could not be fitted; stops the run before any load.
public struct CalibrationError: Error, CustomStringConvertible, Equatable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
