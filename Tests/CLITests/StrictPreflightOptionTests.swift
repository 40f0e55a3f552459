import Testing

@testable import LLMLoadCLI

/// `--strict-preflight` reaches the run's configuration; off by default.
@Suite struct StrictPreflightOptionTests {
    @Test func theFlagTurnsPreflightWarningsIntoAStop() throws {
        let strict = try RunCommand.parse(["--simulate", "--strict-preflight"]).makeConfiguration(baseURL: nil)
        #expect(strict.isStrictPreflight)
        let plain = try RunCommand.parse(["--simulate"]).makeConfiguration(baseURL: nil)
        #expect(!plain.isStrictPreflight)
    }
}
