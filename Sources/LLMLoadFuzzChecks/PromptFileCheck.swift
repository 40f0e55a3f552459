import Foundation
import LLMLoadWorkload

/// One input as a prompt file of each kind `PromptFile` knows (by extension: plain text, JSON
/// Lines, ShareGPT): it gives prompts of the promised shape, or a `PromptFileError`.
public enum PromptFileCheck {
    /// Throws when a kind of file gives a prompt of the wrong shape.
    public static func check(_ bytes: [UInt8]) throws(FuzzFinding) {
        let lineCount = bytes.split(separator: UInt8(ascii: "\n")).count
        for fileExtension in ["txt", "jsonl", "json"] {
            let prompts = try ScratchFile.with(bytes, fileExtension: fileExtension) { path throws(FuzzFinding) in
                do {
                    return try PromptFile.load(path: path)
                } catch {
                    return []  // a refusal with its reason, as the CLI shows it: fine
                }
            }
            guard !prompts.isEmpty else { continue }
            switch fileExtension {
            case "txt":
                // Any Unicode line break ends a line here (U+2028, a vertical tab), not only `\n`.
                for prompt in prompts {
                    guard prompt.messages == nil, !prompt.text.isEmpty,
                        !prompt.text.contains(where: \.isNewline),
                        let first = prompt.text.unicodeScalars.first, let last = prompt.text.unicodeScalars.last,
                        !CharacterSet.whitespaces.contains(first), !CharacterSet.whitespaces.contains(last)
                    else { throw FuzzFinding("text: an untrimmed, empty or multi-line prompt \(prompt)") }
                }
            case "jsonl":
                guard prompts.count <= lineCount else {
                    throw FuzzFinding("JSON Lines: \(prompts.count) prompts from \(lineCount) lines")
                }
                for prompt in prompts where prompt.messages?.isEmpty ?? prompt.text.isEmpty {
                    throw FuzzFinding("JSON Lines: an empty prompt \(prompt)")
                }
            default:
                for prompt in prompts where prompt.messages?.last?.role != "user" {
                    throw FuzzFinding("ShareGPT: a prompt that does not end with the user's turn: \(prompt)")
                }
            }
        }
    }
}
