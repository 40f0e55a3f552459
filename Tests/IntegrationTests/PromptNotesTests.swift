import LLMLoadCore
import Testing

@testable import LLMLoadRunner

/// The lines printed while prompts are prepared, in the run's language with the same figures.
@Suite struct PromptNotesTests {
    @Test func theContextLineIsWrittenInEachLanguage() {
        #expect(
            LoadRun.contextNote(1536, isGiven: false, language: .en)
                == "Ollama num_ctx: 1536 tokens for every request (room for the longest prompt and its answer; "
                + "--num-ctx to change)")
        #expect(
            LoadRun.contextNote(1536, isGiven: false, language: .zh)
                == "Ollama num_ctx：每个请求 1536 token（足以容纳最长的提示词及其回答；可用 --num-ctx 修改）")
        #expect(LoadRun.contextNote(2048, isGiven: true, language: .zh) == "Ollama num_ctx：每个请求 2048 token")
    }

    @Test func theFittingLineSaysHowInEachLanguage() {
        let english = LoadRun.fittingNote(
            .fixed(300), detail: "the server's tokenizer", tokenizeOverhead: 8, language: .en)
        #expect(english == "fitting prompts to 300 input tokens with the server's tokenizer…")
        let chinese = LoadRun.fittingNote(.fixed(300), detail: "ignored", tokenizeOverhead: 8, language: .zh)
        #expect(chinese.contains("300 个输入 token") && chinese.contains("8 个聊天模板") && chinese.contains("/tokenize"))
        let requests = LoadRun.fittingNote(.fixed(300), detail: "ignored", tokenizeOverhead: nil, language: .zh)
        #expect(requests.contains("单 token 请求"))
    }
}
