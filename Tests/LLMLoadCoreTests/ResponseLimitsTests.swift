import LLMLoadCore
import Testing

@Suite struct ResponseLimitsTests {
    let key = "sk-live-0123456789abcdef"

    @Test func shortTextIsKeptWhole() {
        #expect(ResponseLimits.shownErrorText("HTTP 500: boom") == "HTTP 500: boom")
        let exact = String(repeating: "a", count: ResponseLimits.shownErrorTextBytes)
        #expect(ResponseLimits.shownErrorText(exact) == exact, "at the cap exactly nothing is cut")
    }

    @Test func aLongTextIsCutAtTheCapWithTheMark() {
        let text = String(repeating: "a", count: 10_000)
        let shown = ResponseLimits.shownErrorText(text)
        #expect(shown == String(repeating: "a", count: ResponseLimits.shownErrorTextBytes) + "… [truncated]")
    }

    @Test(arguments: ["人", "😀", "é"])
    func aMultiByteCharacterAtTheCutIsNotSplit(_ character: String) {
        // The character starts one byte before the cap, so the cut falls inside it.
        let text = String(repeating: "a", count: ResponseLimits.shownErrorTextBytes - 1) + character + "tail"
        let shown = ResponseLimits.shownErrorText(text)
        #expect(!shown.unicodeScalars.contains("\u{FFFD}"))
        #expect(shown == String(repeating: "a", count: ResponseLimits.shownErrorTextBytes - 1) + "… [truncated]")
    }

    @Test func aPrefixNeverSplitsAScalar() {
        let text = "a人😀b"  // 1 + 3 + 4 + 1 bytes
        let prefixes = (0...9).map { String(ResponseLimits.prefix(of: text, maximumBytes: $0)) }
        #expect(prefixes == ["", "a", "a", "a", "a人", "a人", "a人", "a人", "a人😀", "a人😀b"])
    }

    /// The runner redacts what the backend kept (up to the received cap), and the outputs cut
    /// after that: a key across the shown cut goes whole.
    @Test func aKeyAcrossTheShownCutIsRedactedWhole() {
        let redactor = SecretRedactor(secrets: [key])
        for before in [3, 10, 20] {
            let text = String(repeating: "x", count: ResponseLimits.shownErrorTextBytes - before) + key + " and more"
            let shown = ResponseLimits.shownErrorText(redactor.redact(ResponseLimits.receivedErrorText(text)))
            #expect(!shown.contains("sk-"), "\(before) characters of the key fell before the cut")
            #expect(!shown.contains("0123"))
        }
    }

    /// A key across the received cap ends the kept text, before its `…`: the redactor
    /// recognises its beginning there.
    @Test func aKeyAcrossTheReceivedCutIsRedacted() {
        let redactor = SecretRedactor(secrets: [key])
        let text = String(repeating: "x", count: ResponseLimits.receivedErrorTextBytes - 8) + key
        let kept = redactor.redact(ResponseLimits.receivedErrorText(text))
        #expect(kept.hasSuffix("[redacted]…"))
        #expect(!kept.contains("sk-live"))
    }
}
