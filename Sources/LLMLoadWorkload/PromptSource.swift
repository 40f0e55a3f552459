import LLMLoadCore

/// What one request asks: a text, or a whole conversation for chat APIs (its `text` is then
/// the turns' text, for APIs that take a plain prompt and for the logs).
public struct Prompt: Sendable, Hashable {
    public var text: String
    public var messages: [ChatMessage]?
    /// A recorded conversation's user turns after its first (ShareGPT, or JSONL `messages` with
    /// several user turns): with `--turns`, the turns the user sends next; the recorded answers
    /// are left out, as the server's own answers take their place. Empty otherwise.
    public var laterUserTurns: [String] = []

    public init(_ text: String) {
        self.text = text
        self.messages = nil
    }

    public init(messages: [ChatMessage]) {
        self.messages = messages
        self.text = messages.map(\.content).joined(separator: "\n\n")
    }
}

extension Prompt {
    /// The prompt with `prefix` before its text (a conversation: before its first turn), so a
    /// server's prompt cache cannot match it with an earlier request's.
    public func prefixed(_ prefix: String) -> Prompt {
        var prefixed: Prompt
        if var messages, !messages.isEmpty {
            messages[0].content = prefix + messages[0].content
            prefixed = Prompt(messages: messages)
        } else {
            prefixed = Prompt(prefix + text)
        }
        prefixed.laterUserTurns = laterUserTurns
        return prefixed
    }

    /// The conversation's first turn, as `--turns` sends it: the messages up to and including the
    /// first user turn (a JSONL conversation's later turns are ``laterUserTurns``).
    public var firstTurn: Prompt {
        guard let messages, let first = messages.firstIndex(where: { $0.role == "user" }),
            first < messages.count - 1
        else { return self }
        return Prompt(messages: Array(messages[...first]))
    }

    /// What the user says in this prompt, as one later turn of a conversation: its last user
    /// turn, else its text.
    public var userText: String {
        messages?.last { $0.role == "user" }?.content ?? text
    }
}

/// One request's prompt, and the prompt tokens it was built to have when it was built to a
/// length (`--input-tokens`, a trace).
public struct PlannedPrompt: Sendable, Hashable {
    public var prompt: Prompt
    public var targetTokens: Int?
    /// The answer's length the request asks for instead of the run's `--max-tokens` (a
    /// replayed trace's); `nil`: the run's.
    public var maxOutputTokens: Int?

    public init(_ prompt: Prompt, targetTokens: Int? = nil, maxOutputTokens: Int? = nil) {
        self.prompt = prompt
        self.targetTokens = targetTokens
        self.maxOutputTokens = maxOutputTokens
    }
}

/// Supplies the prompt of each request, by its index in the run.
public protocol PromptSource: Sendable {
    /// The prompt of request `index`, carrying `tag` (unique to the request) where the source
    /// puts it: at the very start, or after a prefix meant to be shared; `nil`: no tag.
    func plannedPrompt(forRequest index: Int, tag: String?) -> PlannedPrompt
}

/// A fixed list of prompts, used in turn (after an optional seeded shuffle).
public struct PromptCycle: PromptSource {
    public let prompts: [Prompt]

    /// - Precondition: `prompts` is not empty.
    public init(_ prompts: [Prompt]) {
        precondition(!prompts.isEmpty, "a prompt cycle needs at least one prompt")
        self.prompts = prompts
    }

    public init(_ texts: [String]) { self.init(texts.map(Prompt.init)) }

    public func prompt(forRequest index: Int) -> Prompt { prompts[index % prompts.count] }

    public func plannedPrompt(forRequest index: Int, tag: String?) -> PlannedPrompt {
        let prompt = prompt(forRequest: index)
        return PlannedPrompt(tag.map(prompt.prefixed) ?? prompt)
    }

    /// The same prompts in an order fixed by `seed`: the same seed gives the same run.
    public func shuffled(seed: UInt64) -> PromptCycle {
        var generator = SplitMix64(seed: seed)
        return PromptCycle(prompts.shuffled(using: &generator))
    }

    /// Short questions in English and Chinese, as a first user would ask a local model.
    public static let builtIn = PromptCycle([
        "What is artificial intelligence? Answer in a few sentences.",
        "什么是人工智能？请简要回答。",
        "Explain the difference between a process and a thread.",
        "请用三句话解释什么是机器学习。",
        "Write a short poem about the sea.",
        "深度学习和传统机器学习有什么区别？",
        "How does a hash table work?",
        "请介绍一下大语言模型的推理过程。",
        "Give three tips for writing clear technical documentation.",
        "为什么天空是蓝色的？",
    ])
}
