import Foundation
import LLMLoadCore
import LLMLoadReport
import Testing

/// `config.json` says how the load was paced: rate and seed, or users and think time.
@Suite struct RunConfigurationFileTests {
    private func json(_ profile: LoadProfile, pattern: String, rate: Double = 5) throws -> [String: Any] {
        var load = RunConfiguration.Load(ratePerSecond: rate, duration: .seconds(10))
        load.profile = profile
        let configuration = RunConfiguration(target: .init(baseURL: "http://127.0.0.1:1"), load: load)
        let file = RunConfigurationFile(
            configuration: configuration, api: "openai-chat", model: "m", serverVersion: nil,
            pattern: pattern, toolVersion: "0.1.0", commandLine: ["llmload"], outputFolder: "/tmp/x",
            host: HostFacts.current()
        )
        #expect(try RunConfigurationFile.decode(file.encoded()) == file)
        let object = try JSONSerialization.jsonObject(with: file.encoded()) as? [String: Any]
        return try #require(object?["load"] as? [String: Any])
    }

    @Test func aPoissonRunKeepsItsRateAndSeed() throws {
        let load = try json(.poisson(seed: 42), pattern: "poisson@5.00")
        #expect(load["pattern"] as? String == "poisson@5.00")
        #expect(load["rate_per_s"] as? Double == 5)
        #expect(load["seed"] as? Int == 42)
        #expect(load["concurrency"] == nil)
    }

    @Test func aClosedLoopHasUsersAndThinkTimeButNoRate() throws {
        let load = try json(.closedLoop(users: 8, thinkTime: .milliseconds(500)), pattern: "concurrency@8")
        #expect(load["pattern"] as? String == "concurrency@8")
        #expect(load["rate_per_s"] == nil)
        #expect(load["concurrency"] as? Int == 8)
        #expect(load["think_time_s"] as? Double == 0.5)
        #expect(load["seed"] == nil)
    }
}
