import LLMLoadCore
import Testing

@Suite struct TargetURLTests {
    @Test(arguments: [
        ("http://localhost:11434", "http://localhost:11434", nil as APIKind?),
        ("localhost:11434", "http://localhost:11434", nil),
        ("https://example.com/ollama/api/generate", "https://example.com/ollama", .ollamaGenerate),
        ("http://[::1]:11434/", "http://[::1]:11434", nil),
        ("HTTP://Host:8080/api/chat", "http://host:8080", .ollamaChat),
        ("http://127.0.0.1:8000/v1", "http://127.0.0.1:8000", .openAIChat),
        ("http://127.0.0.1:8000/v1/", "http://127.0.0.1:8000", .openAIChat),
        ("https://api.example.com/v1/completions", "https://api.example.com", .openAICompletions),
        ("http://h:8001/v1/chat/completions", "http://h:8001", .openAIChat),
        // A host that is not ASCII is named as DNS and TLS name it.
        ("http://bücher.example:8080/v1", "http://xn--bcher-kva.example:8080", .openAIChat),
        ("http://[fe80::1%25lo]:8080", "http://[fe80::1%lo]:8080", nil),
    ])
    func parsesWhatUsersType(input: String, baseURL: String, api: APIKind?) throws {
        let parsed = try TargetURL.parse(input)
        #expect(parsed.baseURL.lowercased() == baseURL.lowercased())
        #expect(parsed.api == api)
    }

    @Test func refusesCredentialsInTheURLWithoutRepeatingThem() {
        #expect(
            throws: ConfigurationError.badURL(
                "(credentials removed)", reason: "credentials in the URL are not supported; use --api-key")
        ) {
            try TargetURL.parse("https://user:sk-secret@api.example.com/v1")
        }
    }

    @Test func honoursOllamaHostLikeOllamasCLI() {
        #expect(TargetURL.defaultTarget(environment: [:]) == "http://127.0.0.1:11434")
        #expect(TargetURL.defaultTarget(environment: ["OLLAMA_HOST": "0.0.0.0:8080"]) == "127.0.0.1:8080")
        #expect(TargetURL.defaultTarget(environment: ["OLLAMA_HOST": "gpu-box"]) == "gpu-box:11434")
        #expect(
            TargetURL.defaultTarget(environment: ["OLLAMA_HOST": "https://ollama.example"]) == "https://ollama.example")
    }
}

extension TargetURLTests {
    /// The port check runs before the credentials check: its message must not show the password.
    @Test(arguments: [
        "http://u:pw-secret@h:99999", "ftp://u:pw-secret@h", "u:pw-secret@h:0/x", "http://u:pw-secret@/v1",
    ])
    func noMessageShowsTheCredentials(url: String) {
        do {
            _ = try TargetURL.parse(url)
            Issue.record("accepted \(url)")
        } catch {
            #expect(!"\(error)".contains("pw-secret"), "\(error)")
        }
    }
}
