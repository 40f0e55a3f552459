/// Supplies the prompt of each request, by its index in the run.
public protocol PromptSource: Sendable {
    func prompt(forRequest index: Int) -> String
}

/// A fixed list of prompts, used in turn.
public struct PromptCycle: PromptSource {
    public let prompts: [String]

    /// - Precondition: `prompts` is not empty.
    public init(_ prompts: [String]) {
        precondition(!prompts.isEmpty, "a prompt cycle needs at least one prompt")
        self.prompts = prompts
    }

    public func prompt(forRequest index: Int) -> String { prompts[index % prompts.count] }

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
