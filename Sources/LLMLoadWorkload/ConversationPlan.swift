import LLMLoadCore

/// The user turns of a run's conversations (`--turns`), by conversation number and turn.
///
/// Two ways to fill a conversation, decided once for the run:
/// - **recorded** (a ShareGPT or JSONL file with conversations of several user turns):
///   conversation *c* is the file's prompt *c* (cycled as requests are without `--turns`), and
///   its turns are that conversation's own user turns, at most `turns`; a recorded conversation
///   with fewer user turns ends after its last, as the real one did;
/// - **chained** (every other source: the built-in set, `--prompt`, a text file, synthetic
///   prompts): turn *k* (from 1) of conversation *c* is the source's prompt *c × turns + k − 1*,
///   the next prompts in order, so every conversation has `turns` turns.
///
/// The answers are not here: the server's own answers go between the user turns.
public struct ConversationPlan: Sendable {
    public let prompts: any PromptSource
    /// The most turns of a conversation, at least 1.
    public let turns: Int
    /// Whether the conversations are the prompt file's own (``Prompt/laterUserTurns``).
    public let isRecorded: Bool

    /// - Precondition: `turns` is at least 1.
    public init(prompts: any PromptSource, turns: Int, isRecorded: Bool) {
        precondition(turns >= 1, "a conversation has at least one turn")
        self.prompts = prompts
        self.turns = turns
        self.isRecorded = isRecorded
    }

    /// A plan over `cycle`: recorded when any of its prompts has later user turns.
    public init(_ cycle: PromptCycle, turns: Int) {
        self.init(prompts: cycle, turns: turns, isRecorded: cycle.prompts.contains { !$0.laterUserTurns.isEmpty })
    }

    /// The first turn of conversation `conversation`: its prompt (with `tag`, where the source
    /// puts it) and the prompt tokens it was built to have.
    public func opening(ofConversation conversation: Int, tag: String?) -> PlannedPrompt {
        var planned = prompts.plannedPrompt(forRequest: firstPromptIndex(conversation), tag: tag)
        planned.prompt = planned.prompt.firstTurn
        return planned
    }

    /// What the user says at turn `turn` (from 2) of conversation `conversation`; `nil` when the
    /// conversation has no such turn (past `turns`, or past a recorded conversation's end).
    public func userTurn(_ turn: Int, ofConversation conversation: Int) -> String? {
        guard turn >= 2, turn <= turns else { return nil }
        if isRecorded {
            let later = prompts.plannedPrompt(forRequest: conversation, tag: nil).prompt.laterUserTurns
            return turn - 2 < later.count ? later[turn - 2] : nil
        }
        return prompts.plannedPrompt(forRequest: firstPromptIndex(conversation) + turn - 1, tag: nil).prompt.userText
    }

    private func firstPromptIndex(_ conversation: Int) -> Int {
        isRecorded ? conversation : conversation * turns
    }
}
