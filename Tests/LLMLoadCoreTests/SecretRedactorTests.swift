import LLMLoadCore
import Testing

@Suite struct SecretRedactorTests {
    @Test func removesEveryOccurrence() {
        let redactor = SecretRedactor(secrets: ["sk-abc123", nil])
        #expect(
            redactor.redact("Incorrect API key provided: sk-abc123 (sk-abc123)")
                == "Incorrect API key provided: [redacted] ([redacted])")
    }

    @Test func redactsShortSecretsToo() {
        #expect(SecretRedactor(secrets: ["k9"]).redact("key k9 rejected") == "key [redacted] rejected")
        #expect(SecretRedactor(secrets: ["x"]).redact("bad key: x") == "bad key: [redacted]")
        #expect(SecretRedactor(secrets: [""]).redact("nothing") == "nothing")
    }

    /// A key with a carriage return (a CRLF `.env`) comes back escaped in library errors.
    @Test func redactsEscapedForms() {
        let redactor = SecretRedactor(secrets: ["sk-abc123\r"])
        let swiftEscaped = "invalidHeaderFieldValues([\"Bearer sk-abc123\\r\"])"
        #expect(redactor.redact(swiftEscaped) == "invalidHeaderFieldValues([\"Bearer [redacted]\"])")
        #expect(!redactor.redact("{\"key\":\"sk-abc123\\r\"}").contains("sk-abc"))
        #expect(!redactor.redact("auth=sk-abc123%0D").contains("sk-abc"))
        let quoted = SecretRedactor(secrets: ["a\"b/c\\d"])
        #expect(!quoted.redact(#"error: "a\"b\/c\\d" rejected"#).contains(#"b\/c"#))
    }

    /// An excerpt cut inside the key must not leak its first part.
    @Test func redactsTheBeginningOfAKeyCutAtTheEnd() {
        let redactor = SecretRedactor(secrets: ["sk-proj-abcdef0123456789"])
        #expect(redactor.redact("Incorrect API key provided: sk-proj-abc") == "Incorrect API key provided: [redacted]")
        #expect(
            redactor.redact("Incorrect API key provided: sk-proj-abc…") == "Incorrect API key provided: [redacted]…")
        #expect(redactor.redact("key sk-p\n") == "key [redacted]\n")
        // Three characters or fewer of a long key are left: they say nothing, and "sk-" is common.
        #expect(redactor.redact("use an sk-") == "use an sk-")
    }
}

@Suite struct RunConfigurationTests {
    @Test func theKeyTravelsOnlyAsABearerHeader() {
        var target = RunConfiguration.Target(baseURL: "http://h")
        #expect(target.headers.isEmpty)
        target.apiKey = "sk-1"
        #expect(target.headers.map(\.0) == ["Authorization"])
        #expect(target.headers.map(\.1) == ["Bearer sk-1"])
    }
}

/// What the runner does to each record before any output sees it.
@Suite struct RecordRedactionTests {
    @Test func everyTextIsRedactedAndTheErrorCutAfterward() {
        let key = "sk-" + String(repeating: "k", count: 40)
        let start = ContinuousClock.now
        var record = RequestRecord(
            index: 0, scheduledAt: start, sentAt: start, firstTokenAt: nil, finishedAt: start,
            interTokenGapsNanoseconds: [], outcome: .httpError,
            // The key straddles the shown cut: redacted whole first, it cannot leak a prefix.
            errorMessage: String(repeating: "e", count: ResponseLimits.shownErrorTextBytes - 10) + key + " tail")
        record.responseText = "answer with \(key)"
        record.reasoningText = "thinking about \(key)"
        record.redactForOutputs(SecretRedactor(secrets: [key]))
        let error = record.errorMessage ?? ""
        #expect(!error.contains("sk-") && error.hasSuffix(ResponseLimits.truncationMark))
        #expect(error.utf8.count <= ResponseLimits.shownErrorTextBytes + ResponseLimits.truncationMark.utf8.count)
        #expect(!record.responseText.contains("sk-") && record.responseText.hasPrefix("answer with "))
        #expect(!record.reasoningText.contains("sk-") && record.reasoningText.hasPrefix("thinking about "))
    }
}
