/// The built-in corpus for synthetic prompts (`--input-tokens`): 33 short pieces of original
/// English prose on everyday and technical topics, written for llmload (MIT, like the rest).
/// Plain ASCII; sections are separated by blank lines.
///
/// The text is split over two files only to keep each short enough to read at once.
enum CorpusText {
    static let builtIn = firstHalf + "\n\n\n" + secondHalf
}
