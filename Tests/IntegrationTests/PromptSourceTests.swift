import Foundation
import LLMLoadCore
import LLMLoadReport
import LLMLoadRunner
import LLMLoadSimulator
import LLMLoadTestSupport
import Testing

extension Integration {
    @Suite struct PromptSourceTests {
        @Test func aFileOfConversationsReachesTheServerTurnByTurn() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            try FileManager.default.createDirectory(at: harness.output, withIntermediateDirectories: true)
            let file = harness.output.appendingPathComponent("prompts.jsonl")
            try Data(
                #"""
                {"messages": [{"role": "system", "content": "Answer in one word."}, {"role": "user", "content": "Colour of the sky?"}]}
                {"prompt": "为什么天空是蓝色的？"}
                {"messages": [{"role": "user", "content": "A, \"quoted\" question"}]}
                """#.utf8
            ).write(to: file)
            let simulator = simulatorConfiguration(ttftMilliseconds: 10, itlMilliseconds: 1, outputTokens: 3)
            let result = try await withSimulator(simulator) { baseURL, _ in
                var configuration = harness.configuration(
                    baseURL: baseURL, api: .ollamaChat, rate: 20, duration: .milliseconds(500))
                configuration.requests.prompts = .given(
                    .init(origin: .file(path: file.path), template: "Q: {question}"))
                configuration.requests.isUniquePrefix = false
                return try await harness.run(configuration)
            }
            // What the simulator counted as the prompt: every turn's content, one per line.
            let turns = [
                ["Answer in one word.", "Q: Colour of the sky?"], ["Q: 为什么天空是蓝色的？"], ["Q: A, \"quoted\" question"],
            ]
            let entries = try String(
                contentsOf: result.folder.appendingPathComponent("responses.jsonl"), encoding: .utf8
            )
            .split(separator: "\n").map { try JSONDecoder().decode(ResponseEntry.self, from: Data($0.utf8)) }
            .sorted { $0.index < $1.index }
            #expect(entries.count == 10)
            for entry in entries {
                let sent = turns[entry.index % 3]
                #expect(entry.prompt == sent.joined(separator: "\n\n"))
                #expect(
                    entry.promptTokens
                        == SimulatedTokenizer.promptTokens(text: sent.joined(separator: "\n"), messages: sent.count))
            }
        }

        @Test func aBadPromptFileStopsTheRunBeforeAnyRequest() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            var configuration = harness.configuration(baseURL: "http://127.0.0.1:9", rate: 1, duration: .seconds(1))
            configuration.requests.prompts = .given(.init(origin: .file(path: "/nonexistent/prompts.jsonl")))
            await #expect(throws: RunError.self) { try await harness.run(configuration) }
        }
    }
}
