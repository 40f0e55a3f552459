import Foundation
import LLMLoadCore
import Testing

@testable import LLMLoadWorkload

/// Where each turn of a `--turns` conversation comes from: a file's own conversations, or the
/// next prompts in order.
@Suite struct ConversationPlanTests {
    @Test func shareGPTAndJSONLKeepTheirLaterUserTurnsButNotTheRecordedAnswers() throws {
        let shareGPT = try PromptFileTests().file(
            "sharegpt.json",
            #"""
            [{"conversations": [{"from": "system", "value": "S"}, {"from": "human", "value": "Q1"}, {"from": "gpt", "value": "A1"}, {"from": "human", "value": "Q2"}, {"from": "gpt", "value": "A2"}, {"from": "human", "value": "Q3"}]},
             {"conversations": [{"from": "human", "value": "R1"}, {"from": "gpt", "value": "B1"}]}]
            """#)
        let prompts = try PromptFile.load(path: shareGPT)
        #expect(prompts[0].messages == [.init(role: "system", content: "S"), .init(role: "user", content: "Q1")])
        #expect(prompts[0].laterUserTurns == ["Q2", "Q3"])
        #expect(prompts[1].laterUserTurns.isEmpty)
        let jsonl = try PromptFileTests().file(
            "c.jsonl",
            #"""
            {"messages": [{"role": "user", "content": "U1"}, {"role": "assistant", "content": "X"}, {"role": "user", "content": "U2"}]}
            """#)
        let conversation = try #require(try PromptFile.load(path: jsonl).first)
        #expect(conversation.messages?.count == 3, "without --turns the file's messages are sent whole")
        #expect(conversation.laterUserTurns == ["U2"])
        #expect(conversation.firstTurn.messages == [.init(role: "user", content: "U1")])
    }

    @Test func recordedConversationsUseTheirOwnTurnsAndEndWithThem() throws {
        var first = Prompt(messages: [.init(role: "system", content: "S"), .init(role: "user", content: "Q1")])
        first.laterUserTurns = ["Q2", "Q3", "Q4"]
        let plan = ConversationPlan(PromptCycle([first, Prompt("R1")]), turns: 3)
        #expect(plan.isRecorded)
        let opening = plan.opening(ofConversation: 0, tag: "[t] ")
        #expect(opening.prompt.messages?.first?.content == "[t] S", "the tag leads the conversation")
        #expect(plan.userTurn(2, ofConversation: 0) == "Q2")
        #expect(plan.userTurn(3, ofConversation: 0) == "Q3")
        #expect(plan.userTurn(4, ofConversation: 0) == nil, "at most --turns turns")
        #expect(plan.opening(ofConversation: 1, tag: nil).prompt == Prompt("R1"))
        #expect(plan.userTurn(2, ofConversation: 1) == nil, "a one-turn recording ends after its turn")
        #expect(plan.userTurn(2, ofConversation: 2) == "Q2", "conversations cycle over the file as requests do")
    }

    @Test func otherSourcesChainTheNextPromptsInOrder() {
        let plan = ConversationPlan(PromptCycle(["a", "b", "c", "d", "e"]), turns: 2)
        #expect(!plan.isRecorded)
        #expect(plan.opening(ofConversation: 0, tag: nil).prompt == Prompt("a"))
        #expect(plan.userTurn(2, ofConversation: 0) == "b")
        #expect(plan.opening(ofConversation: 1, tag: "[t] ").prompt == Prompt("[t] c"))
        #expect(plan.userTurn(2, ofConversation: 1) == "d")
        #expect(plan.userTurn(2, ofConversation: 2) == "a", "prompt 5 is prompt 0 again")
        #expect(plan.userTurn(3, ofConversation: 0) == nil)
    }

    @Test func aTemplateWrapsEveryRecordedUserTurn() throws {
        var prompt = Prompt(messages: [.init(role: "user", content: "Q1")])
        prompt.laterUserTurns = ["Q2"]
        let wrapped = try PromptTemplate("Answer: {question}").apply(to: prompt)
        #expect(wrapped.messages?.last?.content == "Answer: Q1")
        #expect(wrapped.laterUserTurns == ["Answer: Q2"])
    }

    /// A JSONL conversation carries all its turns in `messages`: `--turns` sends the first alone,
    /// and it must be wrapped like the later ones (it once went without the template).
    @Test func aTemplatedJSONLConversationSendsItsFirstTurnWrapped() throws {
        let line =
            #"{"messages":[{"role":"system","content":"S"},{"role":"user","content":"Q1"},"#
            + #"{"role":"assistant","content":"A1"},{"role":"user","content":"Q2"}]}"#
        let prompts = try PromptFile.jsonLines(Data(line.utf8), path: "c.jsonl")
        let cycle = PromptCycle(prompts.map(try PromptTemplate("Answer: {question}").apply))
        let plan = ConversationPlan(cycle, turns: 2)
        #expect(
            plan.opening(ofConversation: 0, tag: nil).prompt.messages == [
                .init(role: "system", content: "S"), .init(role: "user", content: "Answer: Q1"),
            ])
        #expect(plan.userTurn(2, ofConversation: 0) == "Answer: Q2")
        #expect(cycle.prompts[0].messages?.map(\.content) == ["S", "Answer: Q1", "A1", "Answer: Q2"])
    }
}
