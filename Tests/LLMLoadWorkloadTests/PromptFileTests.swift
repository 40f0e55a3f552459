import Foundation
import LLMLoadCore
import LLMLoadTestSupport
import Testing

@testable import LLMLoadWorkload

@Suite struct PromptFileTests {
    func file(_ name: String, _ content: String) throws -> String {
        let folder = try TemporaryFolders.make(prefix: "llmload-prompts")
        let url = folder.appendingPathComponent(name)
        try Data(content.utf8).write(to: url)
        return url.path
    }

    @Test func plainTextIsOnePromptALine() throws {
        let path = try file("prompts.txt", "What is AI?\n\n  什么是人工智能？  \r\nA, \"quoted\" one\n")
        #expect(
            try PromptFile.load(path: path) == [Prompt("What is AI?"), Prompt("什么是人工智能？"), Prompt("A, \"quoted\" one")])
    }

    @Test func jsonLinesTakePromptsAndConversations() throws {
        let path = try file(
            "p.jsonl",
            #"""
            {"prompt": "first"}

            {"messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "第二"}]}
            """#)
        let prompts = try PromptFile.load(path: path)
        #expect(prompts.count == 2)
        #expect(prompts[0] == Prompt("first"))
        #expect(
            prompts[1].messages == [.init(role: "system", content: "Be brief."), .init(role: "user", content: "第二")])
        #expect(prompts[1].text == "Be brief.\n\n第二")
    }

    @Test func aBadJSONLineIsNamedByItsNumber() throws {
        let path = try file("p.jsonl", "{\"prompt\": \"ok\"}\n{\"prompt\": 3\n")
        #expect(
            throws: PromptFileError.badLine(
                path: path, line: 2, reason: "not a JSON object with \"prompt\" or \"messages\"")
        ) {
            try PromptFile.load(path: path)
        }
        let empty = try file("e.jsonl", "{\"other\": 1}\n")
        #expect(throws: PromptFileError.badLine(path: empty, line: 1, reason: "no \"prompt\" or \"messages\"")) {
            try PromptFile.load(path: empty)
        }
    }

    @Test func shareGPTConversationsEndAtTheirFirstHumanTurn() throws {
        let path = try file(
            "sharegpt.json",
            #"""
            [{"id": "a", "conversations": [{"from": "system", "value": "S"}, {"from": "human", "value": "Q1"}, {"from": "gpt", "value": "A1"}, {"from": "human", "value": "Q2"}]},
             {"id": "b", "conversations": [{"from": "gpt", "value": "only an answer"}]},
             {"id": "c", "conversations": [{"from": "human", "value": "Q3"}]}]
            """#)
        let prompts = try PromptFile.load(path: path)
        #expect(
            prompts.map(\.messages) == [
                [.init(role: "system", content: "S"), .init(role: "user", content: "Q1")],
                [.init(role: "user", content: "Q3")],
            ])
    }

    @Test func missingEmptyOrWrongFilesAreClearErrors() throws {
        #expect(throws: PromptFileError.self) { try PromptFile.load(path: "/nonexistent/prompts.txt") }
        let blank = try file("blank.txt", "\n  \n")
        #expect(throws: PromptFileError.empty(path: blank)) { try PromptFile.load(path: blank) }
        let notShareGPT = try file("x.json", "{\"prompt\": \"x\"}")
        #expect(throws: PromptFileError.self) { try PromptFile.load(path: notShareGPT) }
    }

    @Test func templatesWrapEachPromptOrTheLastUserTurn() throws {
        let template = try PromptTemplate("请回答以下问题：{question}")
        #expect(template.apply(to: Prompt("为什么天空是蓝色的？")) == Prompt("请回答以下问题：为什么天空是蓝色的？"))
        let conversation = Prompt(messages: [.init(role: "system", content: "S"), .init(role: "user", content: "Q")])
        #expect(template.apply(to: conversation).messages?.last?.content == "请回答以下问题：Q")
        #expect(template.apply(to: conversation).messages?.first?.content == "S")
        #expect(throws: PromptFileError.badTemplate("no placeholder")) { try PromptTemplate("no placeholder") }
    }

    @Test func aSeedFixesTheShuffledOrder() {
        let cycle = PromptCycle((0..<50).map { "p\($0)" })
        let first = cycle.shuffled(seed: 7).prompts
        #expect(first == cycle.shuffled(seed: 7).prompts)
        #expect(first != cycle.shuffled(seed: 8).prompts)
        #expect(first != cycle.prompts)
        #expect(Set(first) == Set(cycle.prompts))
        #expect(cycle.prompt(forRequest: 51) == Prompt("p1"), "prompts are used in turn")
    }

    @Test func aPrefixGoesBeforeTheTextOrTheFirstTurn() {
        #expect(Prompt("Q").prefixed("[a-1] ") == Prompt("[a-1] Q"))
        let conversation = Prompt(messages: [.init(role: "system", content: "S"), .init(role: "user", content: "Q")])
        #expect(conversation.prefixed("[a-2] ").messages?.map(\.content) == ["[a-2] S", "Q"])
        #expect(conversation.prefixed("[a-2] ").text == "[a-2] S\n\nQ")
    }
}
