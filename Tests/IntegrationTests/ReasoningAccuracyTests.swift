import Foundation
import LLMLoadCore
import LLMLoadMetrics
import LLMLoadSimulator
import LLMLoadTestSupport
import Testing

extension Timing {
    /// A reasoning model as the simulator plays it: the first 20 of 50 tokens are thinking, in
    /// each API's own field or inline as `<think>…</think>`. The time to the first answer token
    /// and the thinking time are held to the simulator's record as TTFT is (`AccuracyTests`);
    /// the thinking and answer tokens exactly, and the answer's decode speed against the
    /// record's own answer time.
    @Suite
    struct ReasoningAccuracyTests {
        @Test(arguments: [
            (APIKind.ollamaGenerate, ReasoningStyle.field), (.ollamaChat, .field), (.openAIChat, .field),
            (.ollamaChat, .inline), (.openAIChat, .inline), (.openAICompletions, .inline),
        ])
        func timeToFirstAnswerAndThinkingMatchWhatTheSimulatorWrote(api: APIKind, style: ReasoningStyle) async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            var simulator = simulatorConfiguration(ttftMilliseconds: 100, itlMilliseconds: 10, outputTokens: 50)
            simulator.thinkingTokens = 20
            simulator.reasoningStyle = style
            let (result, truths) = try await withSimulator(simulator) { baseURL, truth in
                let result = try await harness.run(
                    harness.configuration(baseURL: baseURL, api: api, rate: 20, duration: .seconds(1)))
                return (result, truth.byRequestIndex)
            }
            let rows = try harness.rows(of: result)
            #expect(rows.count == 20 && result.summary.requests.byOutcome["ok"] == 20)
            var answerErrors: [Double] = []
            var thinkingErrors: [Double] = []
            var rowThinking: [Double] = []
            var answerTimeErrors: [Double] = []
            var answerSpeedErrors: [Double] = []
            // A server that parsed the reasoning out counts it in its usage (OpenAI's
            // `completion_tokens_details`); elsewhere the tool counts the chunks of each kind.
            let source = api == .openAIChat && style == .field ? "server" : "estimated"
            for row in rows {
                let truth = try #require(row.number("index").flatMap { truths[Int($0)] })
                #expect(truth.thinkingTokens == 20)
                #expect(row["output_tokens"] == "50", "thinking counts as output, as servers count it")
                #expect(row["text_chunks"] == "50")
                #expect(row.number("reasoning_chars") ?? 0 > 0 && row.number("response_chars") ?? 0 > 0)
                let firstAnswer = truth.tokenWrittenAt[20]
                answerErrors.append(
                    try #require(row.number("time_to_first_answer_token_ms"))
                        - (firstAnswer - truth.receivedAt).milliseconds)
                let thinkingMilliseconds = try #require(row.number("thinking_ms"))
                rowThinking.append(thinkingMilliseconds)
                thinkingErrors.append(thinkingMilliseconds - (firstAnswer - truth.tokenWrittenAt[0]).milliseconds)
                // Counts are exact: the record's split, with where each count came from.
                #expect(row["thinking_tokens"] == String(truth.thinkingTokens))
                #expect(row["answer_tokens"] == String(truth.outputTokens - truth.thinkingTokens))
                #expect(row["thinking_tokens_source"] == source && row["answer_tokens_source"] == source)
                let trueAnswer = truth.finishedAt - firstAnswer
                answerTimeErrors.append(try #require(row.number("answer_ms")) - trueAnswer.milliseconds)
                let trueSpeed = Double(truth.outputTokens - truth.thinkingTokens - 1) / trueAnswer.seconds
                answerSpeedErrors.append(try #require(row.number("answer_decode_tokens_per_s")) / trueSpeed - 1)
                #expect(try #require(row.number("ttft_ms")) < (firstAnswer - truth.receivedAt).milliseconds)
            }
            let answerOffset = try #require(median(answerErrors))
            let thinkingOffset = try #require(median(thinkingErrors))
            let answerTimeOffset = try #require(median(answerTimeErrors))
            let answerSpeedError = try #require(median(answerSpeedErrors))
            print(
                "\(api.rawValue) \(style.rawValue) offset from ground truth (median ms): answer \(answerOffset), "
                    + "thinking \(thinkingOffset), answer time \(answerTimeOffset); answer decode speed "
                    + "\(answerSpeedError * 100) %")
            #expect(answerOffset > -0.5 && answerOffset < transitBoundMilliseconds(atRate: 20))
            #expect(abs(thinkingOffset) < 0.1, "both ends cross the same path")
            // First answer chunk to terminator: both cross the same path too, the terminator in
            // a larger write (finish reason, usage, `[DONE]`).
            #expect(abs(answerTimeOffset) < 0.2)
            #expect(abs(answerSpeedError) < 0.002, "29 gaps over about 290 ms")
            // The tags are taken out of the text as well as the timing.
            let responses = try #require(try harness.filesWritten(by: result)["responses.jsonl"])
            #expect(!responses.contains("<think>") && !responses.contains("</think>"))
            let thinking = try #require(result.summary.latency[.thinkingDuration])
            // The summary holds the rows' own figures (the rows are held to the record above); a
            // nominal 19 × 10 ms would fail on a busy machine where the simulator's gaps drift.
            let rowsMinimum = try #require(rowThinking.min())
            #expect(thinking.count == 20 && abs(thinking.min - rowsMinimum) < 0.01)
            let latency = result.summary.latency
            let thinkingTokens = try #require(latency[.thinkingTokens])
            let answerTokens = try #require(latency[.answerTokens])
            #expect(thinkingTokens.count == 20 && thinkingTokens.min == 20 && thinkingTokens.max == 20)
            #expect(answerTokens.count == 20 && answerTokens.min == 30 && answerTokens.max == 30)
            #expect(latency[.answerDecodeSpeed]?.count == 20 && latency[.answerDuration]?.count == 20)
        }
    }
}
