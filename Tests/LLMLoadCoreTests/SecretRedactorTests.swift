import LLMLoadCore
import Testing

@Suite struct SecretRedactorTests {
    @Test func removesEveryOccurrence() {
        let redactor = SecretRedactor(secrets: ["sk-abc123", nil])
        #expect(
            redactor.redact("Incorrect API key provided: sk-abc123 (sk-abc123)")
                == "Incorrect API key provided: [redacted] ([redacted])")
    }

    @Test func ignoresSecretsTooShortToRedactSafely() {
        #expect(SecretRedactor(secrets: ["ab"]).redact("about a tab") == "about a tab")
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
