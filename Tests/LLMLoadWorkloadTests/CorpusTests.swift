import Testing

@testable import LLMLoadWorkload

@Suite struct CorpusTests {
    let text = (0..<120).map { "w\($0)" + ($0 % 10 == 9 ? ".\n\n" : " ") }.joined()

    @Test func aWindowKeepsTheTextsOwnSpacingAndEndsOnAWord() throws {
        let corpus = try Corpus(text: text)
        #expect(corpus.wordCount == 120)
        #expect(corpus.window(from: 8, words: 4) == "w8 w9.\n\nw10 w11")
        #expect(corpus.window(from: 0, words: 0) == "")
    }

    @Test func aWindowPastTheEndGoesOnFromTheBeginning() throws {
        let corpus = try Corpus(text: "  " + text.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(corpus.window(from: 118, words: 4) == "w118 w119.\n\nw0 w1")
        #expect(corpus.window(from: 118 + 120 * 3, words: 2) == "w118 w119.", "the start is taken modulo the corpus")
        #expect(corpus.window(from: -1, words: 2) == "w119.\n\nw0")
        let long = corpus.window(from: 0, words: 250)
        #expect(long.split(whereSeparator: \.isWhitespace).count == 250)
    }

    @Test func aCorpusNeedsAHundredWords() {
        #expect(throws: CorpusError.tooShort(words: 3, source: "x.txt")) {
            try Corpus(text: "one two three", source: "x.txt")
        }
    }

    @Test func aMissingFileIsNamed() {
        #expect {
            try Corpus.load(path: "/nonexistent/corpus.txt")
        } throws: { error in
            (error as? CorpusError)?.description.contains("/nonexistent/corpus.txt") == true
        }
    }

    @Test func theBuiltInCorpusIsLongerThanTheLongestUsualPrompt() {
        // About 1.3 tokens a word: a 4096-token prompt must not repeat the corpus.
        #expect(Corpus.builtIn.wordCount > 10_000)
    }
}
