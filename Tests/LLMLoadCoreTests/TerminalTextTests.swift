import LLMLoadCore
import Testing

@Suite struct TerminalTextTests {
    @Test func escapeSequencesAreShownNotObeyed() {
        let hostile = "model \u{1B}]0;pwned\u{07}x\u{1B}[2J\r\u{9B}31m\u{7F}"
        let text = TerminalText.escaped(hostile)
        #expect(text == "model \\u{1B}]0;pwned\\u{7}x\\u{1B}[2J\\u{D}\\u{9B}31m\\u{7F}")
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    }

    @Test func lineBreaksAndTabsStayUnlessAsked() {
        #expect(TerminalText.escaped("a\tb\nc") == "a\tb\nc")
        #expect(TerminalText.escaped("a\nc", keepsLineBreaks: false) == "a\\u{A}c")
        #expect(TerminalText.escaped("模型 qwen2.5:7b — ok") == "模型 qwen2.5:7b — ok")
    }
}
