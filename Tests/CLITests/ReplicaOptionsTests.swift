import ArgumentParser
import Foundation
import LLMLoadCore
import Testing

@testable import LLMLoadCLI

/// `--url` given more than once: replicas of one server, spread by `--balance`.
@Suite struct ReplicaOptionsTests {
    private func message(_ arguments: [String]) -> String? {
        do {
            _ = try RunCommand.parse(arguments)
            return nil
        } catch {
            return RunCommand.message(for: error)
        }
    }

    @Test func repeatedURLsAreReplicasInOrder() throws {
        let command = try RunCommand.parse([
            "--url", "http://127.0.0.1:8001/v1", "--url", "http://127.0.0.1:8002/v1", "--balance", "least-in-flight",
        ])
        let target = try command.makeConfiguration(baseURL: nil).target
        #expect(target.baseURL == "http://127.0.0.1:8001" && target.replicaURLs == ["http://127.0.0.1:8002"])
        #expect(target.baseURLs == ["http://127.0.0.1:8001", "http://127.0.0.1:8002"])
        #expect(target.balance == .leastInFlight && target.api == .openAIChat)
    }

    @Test func oneURLIsOneServerAndRoundRobinIsTheDefault() throws {
        let one = try RunCommand.parse(["--url", "http://127.0.0.1:8001/v1"]).makeConfiguration(baseURL: nil).target
        #expect(one.replicaURLs.isEmpty && one.balance == .roundRobin)
        let two = try RunCommand.parse(["--url", "http://a:1", "--url", "http://b:2"]).makeConfiguration(baseURL: nil)
        #expect(two.target.balance == .roundRobin)
    }

    @Test func aBadSecondURLIsRefusedByPositionWithoutItsCredentials() throws {
        let text = try #require(message(["--url", "http://127.0.0.1:8001", "--url", "http://user:secret@gpu:99999"]))
        #expect(text.contains("--url 2 of 2") && text.contains("bad --url"), "\(text)")
        #expect(!text.contains("secret"), "\(text)")
    }

    @Test(arguments: [
        (["--url", "http://a:1", "--url", "http://a:1/"], "is given twice"),
        (["--url", "http://a:1/api/chat", "--url", "http://b:2/v1"], "name different APIs"),
        (["--url", "http://a:1", "--balance", "round-robin"], "--balance needs two or more --url"),
        (["--simulate", "--url", "http://a:1"], "--simulate and --url exclude each other"),
        (["--url", "http://a:1", "--url", "http://b:2", "--balance", "random"], "random"),
    ])
    func contradictoryReplicasAreRefusedBeforeAnyLoad(arguments: [String], reason: String) throws {
        let text = try #require(message(arguments), "accepted \(arguments)")
        #expect(text.contains(reason), "\(text)")
    }

    @Test func aScenarioFileListsReplicasAsAYAMLList() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("llmload-replicas-\(UUID()).yaml")
        try Data("url: [http://127.0.0.1:8001/v1, http://127.0.0.1:8002/v1]\nbalance: least-in-flight\n".utf8)
            .write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let arguments = try ScenarioFile.expand(["run", "-f", url.path])
        #expect(
            arguments == [
                "run", "--url", "http://127.0.0.1:8001/v1", "--url", "http://127.0.0.1:8002/v1", "--balance",
                "least-in-flight",
            ])
        let target = try RunCommand.parse(Array(arguments.dropFirst())).makeConfiguration(baseURL: nil).target
        #expect(target.replicaURLs == ["http://127.0.0.1:8002"] && target.balance == .leastInFlight)
    }
}
