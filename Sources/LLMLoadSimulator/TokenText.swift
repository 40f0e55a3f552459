/// The text of simulated tokens: a fixed cycle of words, partly Chinese so that multi-byte
/// UTF-8 characters cross network chunk boundaries as they do with real models.
enum TokenText {
    static let vocabulary: [String] = [
        "The", " simulated", " model", " is", " answering", ":", " tokens", " arrive", " at", " a",
        " steady", " pace", ",", " 模型", "正在", "回答", "。", " Every", " figure", " is", " known", ".",
    ]

    static func token(_ index: Int) -> String { vocabulary[index % vocabulary.count] }

    /// Token `index` as a JSON string literal, quotes included, in UTF-8.
    static func quoted(_ index: Int) -> [UInt8] { quotedVocabulary[index % quotedVocabulary.count] }

    static let quotedVocabulary: [[UInt8]] = vocabulary.map { Array(JSONText.quoted($0).utf8) }
    static let longestQuoted = quotedVocabulary.map(\.count).max() ?? 0
}
