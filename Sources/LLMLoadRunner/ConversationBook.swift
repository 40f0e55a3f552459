import LLMLoadCore
import LLMLoadWorkload
import Synchronization

/// Each closed-loop user's conversation (`--turns`): what its next request asks, with the whole
/// history, and the server's answer kept once it came.
///
/// A user has at most one request in flight and its next one is dispatched only after the
/// previous one ended (``LoadDispatcher/Dispatch/user``), so a user's entry is never touched by
/// two requests at once; the lock only guards the dictionary shared by all users.
final class ConversationBook: Sendable {
    /// One request of a conversation.
    struct Turn: Sendable, Equatable {
        var conversation: Int
        /// From 1.
        var turn: Int
        /// The whole conversation so far, ending with the user's new turn.
        var messages: [ChatMessage]
        /// The new user turn alone: what the request's logs show.
        var userText: String
        /// The prompt tokens the first turn was built to have (`--input-tokens`); `nil` for later
        /// turns, whose prompt is the whole history.
        var targetTokens: Int?
    }

    private struct Entry {
        var conversation: Int
        var turn: Int
        var history: [ChatMessage]
    }

    private let plan: ConversationPlan
    private let shard: Shard
    private let state = Mutex((entries: [Int: Entry](), started: 0))

    /// - Parameter shard: this process's share of the load; conversations are numbered in the
    ///   whole load, as requests are, so two shards never send the same conversation.
    init(plan: ConversationPlan, shard: Shard = .whole) {
        self.plan = plan
        self.shard = shard
    }

    /// The next request of `user`: the next turn of its conversation, or the first turn of a new
    /// one (carrying `tag`) when it has none going.
    func nextTurn(user: Int, tag: String?) -> Turn {
        let (entry, newNumber) = state.withLock { state -> (Entry?, Int?) in
            if let entry = state.entries[user] { return (entry, nil) }
            defer { state.started += 1 }
            return (nil, shard.globalIndex(ofLocal: state.started))
        }
        if let entry, let text = plan.userTurn(entry.turn + 1, ofConversation: entry.conversation) {
            let turn = Turn(
                conversation: entry.conversation, turn: entry.turn + 1,
                messages: entry.history + [ChatMessage(role: "user", content: text)], userText: text)
            store(turn, for: user)
            return turn
        }
        // The conversation ran out of turns after its last answer: a new one starts.
        let number =
            newNumber
            ?? state.withLock { state in
                defer { state.started += 1 }
                return shard.globalIndex(ofLocal: state.started)
            }
        let opening = plan.opening(ofConversation: number, tag: tag)
        let messages = opening.prompt.messages ?? [ChatMessage(role: "user", content: opening.prompt.text)]
        let turn = Turn(
            conversation: number, turn: 1, messages: messages, userText: opening.prompt.text,
            targetTokens: opening.targetTokens)
        store(turn, for: user)
        return turn
    }

    /// Records how `user`'s last request ended: its answer joins the history, or, with `nil` (the
    /// request failed, or its answer was too long to keep whole), the conversation ends and the
    /// user's next request starts a new one.
    func ended(user: Int, answer: String?) {
        state.withLock { state in
            guard let answer, var entry = state.entries[user], entry.turn < plan.turns else {
                state.entries[user] = nil
                return
            }
            entry.history.append(ChatMessage(role: "assistant", content: answer))
            state.entries[user] = entry
        }
    }

    private func store(_ turn: Turn, for user: Int) {
        state.withLock {
            $0.entries[user] = Entry(conversation: turn.conversation, turn: turn.turn, history: turn.messages)
        }
    }
}
