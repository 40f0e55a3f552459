import Foundation
import LLMLoadCore

/// Reads prompts from a file, by its content:
/// - JSON Lines (`.jsonl`): one object a line, `{"prompt": "…"}` or `{"messages": [{"role": …,
///   "content": …}, …]}` (sent whole; with `--turns`, its user turns are the conversation's);
/// - ShareGPT (`.json`): an array of `{"conversations": [{"from": "human"|"gpt"|"system",
///   "value": …}, …]}`; each conversation up to its first human turn becomes one prompt, so
///   the model answers that turn (earlier system turns are kept); its later human turns are
///   kept for `--turns`;
/// - anything else: plain text, one prompt a line (empty lines skipped).
public enum PromptFile {
    public static func load(path: String) throws(PromptFileError) -> [Prompt] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        let prompts: [Prompt]
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "jsonl", "ndjson": prompts = try jsonLines(data, path: path)
        case "json": prompts = try shareGPT(data, path: path)
        default:
            prompts = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline)
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.map(Prompt.init)
        }
        guard !prompts.isEmpty else { throw .empty(path: path) }
        return prompts
    }

    private struct Line: Decodable {
        var prompt: String?
        var messages: [ChatMessage]?
    }

    static func jsonLines(_ data: Data, path: String) throws(PromptFileError) -> [Prompt] {
        var prompts: [Prompt] = []
        for (offset, line) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            guard line.contains(where: { !Character(UnicodeScalar($0)).isWhitespace }) else { continue }
            let entry: Line
            do {
                entry = try JSONDecoder().decode(Line.self, from: Data(line))
            } catch {
                throw .badLine(
                    path: path, line: offset + 1, reason: "not a JSON object with \"prompt\" or \"messages\"")
            }
            if let messages = entry.messages, !messages.isEmpty {
                var prompt = Prompt(messages: messages)
                let users = messages.filter { $0.role == "user" }.map(\.content)
                prompt.laterUserTurns = Array(users.dropFirst())
                prompts.append(prompt)
            } else if let prompt = entry.prompt, !prompt.isEmpty {
                prompts.append(Prompt(prompt))
            } else {
                throw .badLine(path: path, line: offset + 1, reason: "no \"prompt\" or \"messages\"")
            }
        }
        return prompts
    }

    private struct Conversation: Decodable {
        struct Turn: Decodable {
            var from: String
            var value: String
        }
        var conversations: [Turn]
    }

    static func shareGPT(_ data: Data, path: String) throws(PromptFileError) -> [Prompt] {
        let conversations: [Conversation]
        do {
            conversations = try JSONDecoder().decode([Conversation].self, from: data)
        } catch {
            throw .unreadable(
                path: path, reason: "not a ShareGPT file (an array of {\"conversations\": [{\"from\", \"value\"}]})")
        }
        return conversations.compactMap { conversation in
            var prompt: Prompt?
            var messages: [ChatMessage] = []
            for turn in conversation.conversations {
                switch turn.from {
                case "system" where prompt == nil: messages.append(ChatMessage(role: "system", content: turn.value))
                case "human", "user":
                    guard prompt != nil else {
                        messages.append(ChatMessage(role: "user", content: turn.value))
                        prompt = Prompt(messages: messages)
                        continue
                    }
                    prompt?.laterUserTurns.append(turn.value)
                default: continue
                }
            }
            return prompt
        }
    }
}

/// Why a prompt file cannot be used; said before any load is sent.
public enum PromptFileError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case badLine(path: String, line: Int, reason: String)
    case empty(path: String)
    case badTemplate(String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "cannot read prompts from \(path): \(reason)"
        case .badLine(let path, let line, let reason): "\(path) line \(line): \(reason)"
        case .empty(let path): "\(path) holds no prompt"
        case .badTemplate(let template): "--template must contain {question} (or {prompt}): \(template)"
        }
    }
}
