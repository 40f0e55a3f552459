import Foundation
import LLMLoadCore
import LLMLoadMetrics
import LLMLoadReport
import LLMLoadRunner
import LLMLoadSimulator
import LLMLoadTestSupport
import LLMLoadWorkload
import Testing

extension Integration {
    /// `--turns`: each turn reaches the server carrying the whole conversation with the server's
    /// own earlier answers, as the simulator recorded receiving and sending them.
    @Suite struct ConversationTests {
        /// A closed loop of `users` holding `turns`-turn conversations, against a simulator whose
        /// answers all differ.
        static func configuration(
            _ harness: RunHarness, baseURL: String, api: APIKind, users: Int, turns: Int, requests: Int,
            thinkTime: Duration = .zero
        ) -> RunConfiguration {
            var configuration = harness.configuration(
                baseURL: baseURL, api: api, rate: 1, duration: .seconds(60), maximumRequests: requests)
            configuration.load.profile = .closedLoop(users: users, thinkTime: thinkTime)
            configuration.load.conversationTurns = turns
            return configuration
        }

        static func simulator(fault: FaultInjection? = nil) -> SimulatorConfiguration {
            var simulator = simulatorConfiguration(
                ttftMilliseconds: 5, itlMilliseconds: 1, outputTokens: 6, fault: fault)
            simulator.variesAnswers = true
            return simulator
        }

        static func sorted(_ rows: [[String: String]]) -> [[String: String]] {
            rows.sorted { Int($0["index"]!)! < Int($1["index"]!)! }
        }

        @Test(arguments: [APIKind.openAIChat, .ollamaChat])
        func eachTurnCarriesTheHistoryWithTheServersExactAnswers(api: APIKind) async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            let think = Duration.milliseconds(30)
            let (result, truths) = try await withSimulator(Self.simulator()) { baseURL, truth in
                let configuration = Self.configuration(
                    harness, baseURL: baseURL, api: api, users: 2, turns: 3, requests: 14, thinkTime: think)
                return (try await harness.run(configuration), truth.byRequestIndex)
            }
            let rows = Self.sorted(try harness.rows(of: result))
            #expect(rows.count == 14 && rows.allSatisfy { $0["outcome"] == "ok" })
            let byConversation = Dictionary(grouping: rows) { Int($0["conversation"]!)! }
            #expect(byConversation.count >= 4)
            let builtIn = PromptCycle.builtIn.prompts.map(\.text)
            var answers: Set<String> = []
            for (conversation, turns) in byConversation {
                // Turns 1, 2, … in the order they were sent.
                let numbers = turns.map { Int($0["turn"]!)! }
                #expect(numbers == Array(1...numbers.count), "conversation \(conversation): turns \(numbers)")
                var previous: SimulatedRequestTruth?
                for row in turns {
                    let index = Int(row["index"]!)!
                    let turn = Int(row["turn"]!)!
                    let truth = try #require(truths[index])
                    let messages = try #require(truth.messages)
                    // The chained prompts: turn k of conversation c is built-in prompt c × 3 + k − 1.
                    let asked = builtIn[(conversation * 3 + turn - 1) % builtIn.count]
                    #expect(messages.last?.role == "user")
                    if let previous {
                        let answer = previous.answerText
                        #expect(!answer.isEmpty)
                        #expect(
                            messages
                                == (previous.messages ?? [])
                                    + [.init(role: "assistant", content: answer), .init(role: "user", content: asked)],
                            "request \(index): not the previous turn's history and exact answer")
                        // The user thought after the answer had ended, by the simulator's clock.
                        #expect(truth.receivedAt - previous.finishedAt >= think, "request \(index)")
                        // The server's count grows with the history, and the row holds it.
                        #expect(truth.promptTokens > previous.promptTokens)
                    } else {
                        #expect(messages.count == 1 && messages[0].content.hasSuffix(asked))
                        #expect(messages[0].content != asked, "the first turn carries the run's unique tag")
                    }
                    #expect(row.number("prompt_tokens") == Double(truth.promptTokens))
                    answers.insert(truth.answerText)
                    previous = truth
                }
            }
            #expect(answers.count == 14, "every answer differs, so a wrong one could not pass")

            // summary.json's turns agree with the rows.
            let summary = result.summary
            #expect(summary.runDescription.load.turns == 3)
            let figures = try #require(summary.turns)
            #expect(figures.map(\.turn) == [1, 2, 3])
            for figure in figures {
                let turnRows = rows.filter { Int($0["turn"]!)! == figure.turn }
                #expect(figure.requests == turnRows.count && figure.succeeded == turnRows.count)
                let tokens = turnRows.compactMap { $0.number("prompt_tokens") }
                let mean = tokens.reduce(0, +) / Double(tokens.count)
                #expect(abs(try #require(figure.meanInputTokens) - mean) < 1e-9)
                // Nearest rank over the rows' TTFT; the histogram holds 3 significant digits.
                let ttft = turnRows.compactMap { $0.number("ttft_ms") }.sorted()
                let p50 = ttft[Int((0.5 * Double(ttft.count)).rounded(.up)) - 1]
                #expect(abs(try #require(figure.ttftP50Ms) - p50) <= p50 * 0.001 + 0.002, "turn \(figure.turn)")
                #expect(try #require(figure.ttftP99Ms) <= ttft.last! + 0.002)
            }
            #expect(figures[0].meanInputTokens! < figures[1].meanInputTokens!)
            #expect(figures[1].meanInputTokens! < figures[2].meanInputTokens!)
            let onDisk = try JSONSerialization.jsonObject(with: harness.summaryOnDisk(of: result)) as? [String: Any]
            let turnsOnDisk = try #require(onDisk?["turns"] as? [[String: Any]])
            #expect(turnsOnDisk.count == 3 && turnsOnDisk[0]["ttft_p50_ms"] != nil)
            #expect(turnsOnDisk[0]["mean_input_tokens"] != nil)
            for language in ReportLanguage.allCases {
                let console = ConsoleSummary.render(summary, folder: nil, language: language)
                #expect(console.contains(language == .zh ? "各轮首 token 延迟 P50" : "TTFT P50 by turn"))
                #expect(console.contains(language == .zh ? "每个对话 3 轮" : "3-turn conversations"))
            }
        }

        @Test func aFailedTurnEndsItsConversationAndTheNextStartsFresh() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            // Every fourth request the simulator receives fails with a 500.
            let (result, truths) = try await withSimulator(Self.simulator(fault: .init(.httpError, every: 4))) {
                baseURL, truth in
                let configuration = Self.configuration(
                    harness, baseURL: baseURL, api: .openAIChat, users: 1, turns: 3, requests: 10)
                return (try await harness.run(configuration), truth.byRequestIndex)
            }
            // One user: the rows are the conversation in order, requests 3 and 7 failing.
            let rows = Self.sorted(try harness.rows(of: result))
            #expect(rows.map { $0["outcome"]! } == (0..<10).map { [3, 7].contains($0) ? "http_error" : "ok" })
            #expect(rows.map { Int($0["turn"]!)! } == [1, 2, 3, 1, 1, 2, 3, 1, 1, 2])
            #expect(rows.map { Int($0["conversation"]!)! } == [0, 0, 0, 1, 2, 2, 2, 3, 4, 4])
            // What the server received: the turn after a failure is a conversation's first.
            for index in [4, 8] { #expect(truths[index]?.messages?.count == 1, "request \(index)") }
            #expect(truths[5]?.messages?.count == 3)
            let figures = try #require(result.summary.turns)
            #expect(figures.map(\.requests) == [5, 3, 2])
            #expect(figures.map(\.succeeded) == [3, 3, 2])
        }

        @Test func aShareGPTFilesOwnTurnsAreSentWithTheServersAnswersInsteadOfTheRecordedOnes() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            let file = harness.output.appendingPathComponent("conversations.json")
            try FileManager.default.createDirectory(at: harness.output, withIntermediateDirectories: true)
            try Data(
                #"""
                [{"conversations": [{"from": "system", "value": "Be brief."}, {"from": "human", "value": "Q1"}, {"from": "gpt", "value": "RECORDED-1"}, {"from": "human", "value": "Q2"}, {"from": "gpt", "value": "RECORDED-2"}, {"from": "human", "value": "Q3"}]},
                 {"conversations": [{"from": "human", "value": "R1"}, {"from": "gpt", "value": "RECORDED-3"}]}]
                """#.utf8
            ).write(to: file)
            let (result, truths) = try await withSimulator(Self.simulator()) { baseURL, truth in
                var configuration = Self.configuration(
                    harness, baseURL: baseURL, api: .ollamaChat, users: 1, turns: 5, requests: 5)
                configuration.requests.prompts = .given(.init(origin: .file(path: file.path)))
                return (try await harness.run(configuration), truth.byRequestIndex)
            }
            let rows = Self.sorted(try harness.rows(of: result))
            // The first recording has three user turns, the second one; then the first again.
            #expect(rows.map { Int($0["turn"]!)! } == [1, 2, 3, 1, 1])
            let sent = (0..<5).map { truths[$0]?.messages ?? [] }
            #expect(sent[0].map(\.role) == ["system", "user"] && sent[0][1].content == "Q1")
            let answers = (0..<5).map { truths[$0]?.answerText ?? "" }
            #expect(
                sent[2] == sent[0] + [
                    .init(role: "assistant", content: answers[0]), .init(role: "user", content: "Q2"),
                    .init(role: "assistant", content: answers[1]), .init(role: "user", content: "Q3"),
                ])
            #expect(sent[3].count == 1 && sent[3][0].content.hasSuffix("R1"))
            #expect(!sent.flatMap { $0 }.contains { $0.content.contains("RECORDED") })
        }

        @Test func aDetectedOllamaServerIsDrivenThroughItsChatAPI() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            let (result, truths) = try await withSimulator(Self.simulator()) { baseURL, truth in
                var configuration = Self.configuration(
                    harness, baseURL: baseURL, api: .ollamaChat, users: 1, turns: 2, requests: 2)
                configuration.target.api = nil
                return (try await harness.run(configuration), truth.all)
            }
            #expect(result.summary.runDescription.target.api == APIKind.ollamaChat.rawValue)
            #expect(truths.map(\.path) == ["/api/chat", "/api/chat"])
            #expect(truths.map { $0.messages?.count } == [1, 3])
        }

        @Test func ollamasWindowHoldsTheWholeConversationOfSyntheticPrompts() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            let (result, truths) = try await withSimulator(Self.simulator()) { baseURL, truth in
                var configuration = Self.configuration(
                    harness, baseURL: baseURL, api: .ollamaChat, users: 1, turns: 3, requests: 3)
                configuration.requests.prompts = .synthetic(.init(length: .fixed(1500)))
                configuration.requests.maxOutputTokens = 6
                return (try await harness.run(configuration), truth.byRequestIndex)
            }
            // Three turns of 1500 + 6 tokens, + 64, rounded up to 256: the simulator's default
            // window (4096) would have cut the third turn's history.
            #expect(result.summary.runDescription.requests.numCtx == 4608)
            let counts = (0..<3).compactMap { truths[$0]?.promptTokens }
            #expect(counts.count == 3 && counts[2] > 4096, "\(counts)")
            #expect((0..<3).allSatisfy { truths[$0]?.isPromptCut == false })
        }

        @Test func aCompletionAPIIsRefusedBeforeAnythingIsSent() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            let (error, truths) = await withSimulatorRefusal(harness)
            #expect(error?.contains("--turns needs a chat API") == true, "\(error ?? "no error")")
            #expect(truths == 0)
        }

        private func withSimulatorRefusal(_ harness: RunHarness) async -> (String?, Int) {
            do {
                return try await withSimulator(Self.simulator()) { baseURL, truth in
                    let configuration = Self.configuration(
                        harness, baseURL: baseURL, api: .openAICompletions, users: 1, turns: 2, requests: 2)
                    do {
                        _ = try await harness.run(configuration)
                        return (nil, truth.all.count)
                    } catch {
                        return ("\(error)", truth.all.count)
                    }
                }
            } catch {
                return ("simulator: \(error)", -1)
            }
        }
    }
}
