import Foundation
import LLMLoadCore
import LLMLoadRunner
import LLMLoadSimulator
import LLMLoadTestSupport
import Testing

extension Timing {
    /// The OpenAI-compatible API against the simulator's record: TTFT, token counts, chunks, and a
    /// non-streaming answer that can never take less than the simulator's whole generation.
    @Suite
    struct OpenAIAccuracyTests {
        @Test(arguments: [APIKind.openAIChat, .openAICompletions])
        func streamingMatchesGroundTruthWithServerTokenCounts(api: APIKind) async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            let simulator = simulatorConfiguration(ttftMilliseconds: 100, itlMilliseconds: 10, outputTokens: 20)
            let (result, truths) = try await withSimulator(simulator) { baseURL, truth in
                let result = try await harness.run(
                    harness.configuration(baseURL: baseURL, api: api, rate: 20, duration: .seconds(1)))
                return (result, truth.byRequestIndex)
            }
            #expect(result.summary.runDescription.target.api == api.rawValue)
            #expect(result.summary.requests.byOutcome["ok"] == 20)
            #expect(result.summary.tokens.outputSource == "server", "include_usage was asked for")
            var offsets: [Double] = []
            for row in try harness.rows(of: result) {
                let index = try #require(row["index"].flatMap(Int.init))
                let truth = try #require(truths[index])
                #expect(truth.path == api.path)
                #expect(row["output_tokens"] == "20")
                #expect(row["text_chunks"] == "20", "the role-only chunk is not a token")
                #expect(row["prompt_tokens"] == String(truth.promptTokens))
                offsets.append(
                    try #require(row.number("ttft_ms")) - (truth.tokenWrittenAt[0] - truth.receivedAt).milliseconds)
            }
            let offset = try #require(median(offsets))
            #expect(
                offset > -0.5 && offset < transitBoundMilliseconds(atRate: 20),
                "TTFT against ground truth: \(offset) ms")
        }

        @Test func nonStreamingHasE2EButNoTTFT() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            let simulator = simulatorConfiguration(ttftMilliseconds: 50, itlMilliseconds: 5, outputTokens: 10)
            let result = try await withSimulator(simulator) { baseURL, _ in
                var configuration = harness.configuration(
                    baseURL: baseURL, api: .openAIChat, rate: 10, duration: .milliseconds(500))
                configuration.requests.isStreaming = false
                return try await harness.run(configuration)
            }
            #expect(result.summary.requests.byOutcome["ok"] == 5)
            #expect(result.summary.latency[.timeToFirstToken] == nil)
            #expect(try #require(result.summary.latency[.endToEndLatency]).min >= 95)
            #expect(result.summary.tokens.outputTotal == 50)
        }
    }
}
