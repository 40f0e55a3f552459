import Foundation

/// Natural text that synthetic prompts are cut from (`--input-tokens`): a sequence of words,
/// each kept with the whitespace after it, so a window reads as the original text. A window
/// that runs past the end goes on from the beginning.
public struct Corpus: Sendable {
    /// Every word with the whitespace that follows it; the last one ends in a paragraph break.
    private let words: [Substring]

    /// The fewest words a corpus may have.
    public static let minimumWords = 100

    /// - Throws: ``CorpusError/tooShort(words:source:)`` below ``minimumWords`` words.
    public init(text: String, source: String = "corpus") throws(CorpusError) {
        var words: [Substring] = []
        var index = text.startIndex
        while index < text.endIndex {
            let wordStart = text[index...].firstIndex { !$0.isWhitespace } ?? text.endIndex
            guard wordStart < text.endIndex else { break }
            let wordEnd = text[wordStart...].firstIndex(where: \.isWhitespace) ?? text.endIndex
            let next = text[wordEnd...].firstIndex { !$0.isWhitespace } ?? text.endIndex
            words.append(text[wordStart..<next])
            index = next
        }
        guard words.count >= Self.minimumWords else { throw .tooShort(words: words.count, source: source) }
        if let last = words.last, last.last?.isWhitespace != true {
            words[words.count - 1] = Substring(String(last) + "\n\n")
        }
        self.words = words
    }

    /// Reads a UTF-8 text file.
    public static func load(path: String) throws(CorpusError) -> Corpus {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        return try Corpus(text: text, source: path)
    }

    /// The text shipped with llmload: original English prose on everyday and technical topics.
    public static let builtIn: Corpus = {
        do {
            return try Corpus(text: CorpusText.builtIn, source: "built-in corpus")
        } catch {
            preconditionFailure("the built-in corpus is too short: \(error)")
        }
    }()

    public var wordCount: Int { words.count }

    /// `count` words from word `start` (taken modulo the corpus), going round to the
    /// beginning when needed, without the whitespace after the last one.
    public func window(from start: Int, words count: Int) -> String {
        guard count > 0 else { return "" }
        var text = ""
        var position = ((start % words.count) + words.count) % words.count
        for _ in 0..<count {
            text += words[position]
            position += 1
            if position == words.count { position = 0 }
        }
        while text.last?.isWhitespace == true { text.removeLast() }
        return text
    }
}

/// Why a corpus could not be used.
public enum CorpusError: Error, CustomStringConvertible, Equatable {
    case unreadable(path: String, reason: String)
    case tooShort(words: Int, source: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "cannot read the corpus \(path): \(reason)"
        case .tooShort(let words, let source):
            "\(source) has \(words) words; a corpus needs at least \(Corpus.minimumWords)"
        }
    }
}
