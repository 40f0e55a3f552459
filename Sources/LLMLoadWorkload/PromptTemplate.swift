import Foundation

/// `--template "请回答以下问题：{question}"`: each prompt of the list is put in the template's
/// place (`{question}` or `{prompt}`). A conversation gets the template on every user turn,
/// those of its messages and its later recorded ones (``Prompt/laterUserTurns``): with
/// `--turns` a recorded conversation's turns are sent one by one, the first alone, and each
/// must be wrapped as the whole conversation is.
public struct PromptTemplate: Sendable, Equatable {
    public let text: String
    static let placeholders = ["{question}", "{prompt}"]

    public init(_ text: String) throws(PromptFileError) {
        guard Self.placeholders.contains(where: text.contains) else { throw .badTemplate(text) }
        self.text = text
    }

    public func apply(to value: String) -> String {
        Self.placeholders.reduce(text) { $0.replacingOccurrences(of: $1, with: value) }
    }

    public func apply(to prompt: Prompt) -> Prompt {
        guard var messages = prompt.messages else { return Prompt(apply(to: prompt.text)) }
        for index in messages.indices where messages[index].role == "user" {
            messages[index].content = apply(to: messages[index].content)
        }
        var applied = Prompt(messages: messages)
        applied.laterUserTurns = prompt.laterUserTurns.map(apply(to:))
        return applied
    }
}
