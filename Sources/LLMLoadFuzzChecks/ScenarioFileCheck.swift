/// One input as a `llmload run -f` scenario file. The parser is internal to `LLMLoadCLI`, so
/// the fuzz target and the replay test pass it in:
/// - `expand`: `ScenarioFile.expand`, the file's options spliced into the arguments;
/// - `parse`: the command line parsed and validated as `llmload` does, and the run's
///   configuration made from it.
///
/// Either may refuse the input by throwing (a usage error naming the key or option); neither
/// may trap. What `expand` gives must start with `run` and the file's options, and end with the
/// command line's own arguments, unchanged.
public enum ScenarioFileCheck {
    /// An option after the file, so the check sees that the command line's arguments stay last.
    static let commandLineTail = ["--requests", "3"]

    /// Throws when the expansion misplaces the file's or the command line's arguments.
    public static func check(
        _ bytes: [UInt8],
        expand: ([String]) throws -> [String],
        parse: ([String]) throws -> Void
    ) throws(FuzzFinding) {
        let arguments: [String]? = try ScratchFile.with(bytes, fileExtension: "yaml") { path throws(FuzzFinding) in
            try? expand(["run", "-f", path] + commandLineTail)
        }
        guard let arguments else { return }
        guard arguments.first == "run", arguments.count >= 1 + commandLineTail.count,
            Array(arguments.suffix(commandLineTail.count)) == commandLineTail
        else { throw FuzzFinding("expanded into \(arguments)") }
        let fromFile = arguments.dropFirst().dropLast(commandLineTail.count)
        if let first = fromFile.first, !first.hasPrefix("--") {
            throw FuzzFinding("the file's options start with a value: \(arguments)")
        }
        try? parse(arguments)
    }
}
