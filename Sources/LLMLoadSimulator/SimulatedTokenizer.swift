/// The simulator's tokenizer. Not a real one, but shaped like one, so that fitting prompts to a
/// length is tested against counts that are not a linear function of the text's size: a run of
/// letters or digits is one token per four characters (rounded up), any other character that is
/// not a space is a token of its own (punctuation, each Chinese character), spaces are part of
/// the next token.
public enum SimulatedTokenizer {
    /// The tokens of `text` alone, as `POST /tokenize` answers.
    public static func count(_ text: String) -> Int {
        var tokens = 0
        var run = 0
        for scalar in text.unicodeScalars {
            if scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)) {
                run += 1
                continue
            }
            tokens += (run + 3) / 4
            run = 0
            if !scalar.properties.isWhitespace { tokens += 1 }
        }
        return tokens + (run + 3) / 4
    }

    /// The prompt tokens of a whole request: the text, a start token, and for a chat request a
    /// template of four tokens a message plus three to open the answer.
    public static func promptTokens(text: String, messages: Int?) -> Int {
        count(text) + 1 + (messages.map { 4 * $0 + 3 } ?? 0)
    }
}
