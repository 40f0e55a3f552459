import LLMLoadCore
import LLMLoadMetrics
import Testing

extension RealServerTests {
    /// Why this suite measures no reasoning: SmolLM2-135M-Instruct is not a reasoning model.
    /// Its chat template has no thinking section, so `--think on` (sent as
    /// `chat_template_kwargs.enable_thinking`, checked on the wire by `OpenAIAPITests`) is
    /// accepted and changes nothing, and llama.cpp's `--reasoning-format` finds no
    /// `<think>` to split. A reasoning model small enough for CI (Qwen3-0.6B, ~400 MB as
    /// Q4) is not built here; the simulator's record holds the reasoning figures instead
    /// (`ReasoningAccuracyTests`, every style). What this test does check on a real server:
    /// asking to think is accepted, and a model that did not reason gets no thinking figures
    /// (no zeros, no TTFA apart from its TTFT).
    @Test func askingANonReasoningModelToThinkIsAcceptedAndNothingReasons() async throws {
        let (result, rows) = try await run(api: .openAIChat, model: "smollm2", streaming: true, think: true)
        #expect(result.summary.requests.byOutcome["ok"] == 6)
        #expect(result.summary.runDescription.requests.think == true)
        for row in rows {
            #expect(row["outcome"] == "ok", "\(row["error"] ?? "")")
            #expect(row["reasoning_chars"] == "0" && row["thinking_ms"] == "" && row["thinking_tokens"] == "")
            #expect(row["answer_tokens"] == "32" && row["answer_tokens_source"] == "server")
            #expect(row["time_to_first_answer_token_ms"] == row["ttft_ms"])
        }
        let latency = result.summary.latency
        #expect(latency[.thinkingDuration] == nil && latency[.timeToFirstAnswerToken] == nil)
        #expect(latency[.thinkingTokens] == nil && latency[.answerTokens] == nil)
    }
}
