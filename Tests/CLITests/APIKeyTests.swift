import ArgumentParser
import Testing

@testable import LLMLoadCLI

/// The API key never reaches the terminal, even when it cannot be used.
@Suite struct APIKeyTests {
    @Test(arguments: ["sk-secret-1234\r", "sk-secret-1234\n", "sk-\u{1B}secret-1234", "sk-secret-1234\u{85}"])
    func aKeyWithAControlCharacterIsRefusedWithoutShowingIt(key: String) {
        do {
            _ = try RunCommand.parse(["--api-key", key])
            Issue.record("accepted a key with a control character")
        } catch {
            let message = RunCommand.message(for: error)
            #expect(message.contains("--api-key contains a control character"))
            #expect(!message.contains("secret"), "\(message)")
        }
    }

    @Test func aPlainKeyIsAccepted() throws {
        _ = try RunCommand.parse(["--api-key", "sk-plain-key"])
    }
}
