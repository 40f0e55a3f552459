/// The text of simulated tokens: a fixed cycle of words, partly Chinese so that multi-byte
/// UTF-8 characters cross network chunk boundaries as they do with real models.
enum TokenText {
    static let vocabulary: [String] = [
        "The", " simulated", " model", " is", " answering", ":", " tokens", " arrive", " at", " a",
        " steady", " pace", ",", " 模型", "正在", "回答", "。", " Every", " figure", " is", " known", ".",
    ]

    static func token(_ index: Int) -> String { vocabulary[index % vocabulary.count] }
}
