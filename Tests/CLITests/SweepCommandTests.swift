import Foundation
import LLMLoadCore
import LLMLoadRunner
import Testing

@testable import LLMLoadCLI

/// `llmload sweep`'s own flags, and every `run` flag applied to each point.
@Suite struct SweepCommandTests {
    func message(_ arguments: [String]) -> String? {
        do {
            _ = try SweepCommand.parse(arguments)
            return nil
        } catch {
            return SweepCommand.message(for: error)
        }
    }

    @Test func listsRangesAndTheSearchBecomeTheirPoints() throws {
        #expect(try SweepCommand.parse(["--simulate", "--rates", "1,2.5,10"]).sweep.loads == .rates([1, 2.5, 10]))
        let range = try SweepCommand.parse(["--simulate", "--rates", "10-500", "--steps", "8"]).sweep.loads
        #expect(range == .rates(SweepLoads.geometric(from: 10, to: 500, steps: 8)))
        #expect(
            try SweepCommand.parse(["--simulate", "--concurrencies", "1,2,4"]).sweep.loads == .concurrencies([1, 2, 4]))
        let find = try SweepCommand.parse([
            "--simulate", "--find", "max-rate", "--start-rate", "2", "--precision", "10%", "--rate-limit", "100",
        ])
        #expect(find.sweep.loads == .findMaxRate(start: 2, precision: 0.1, limit: 100))
    }

    @Test func everyRunFlagReachesEachPoint() throws {
        let command = try SweepCommand.parse([
            "--url", "http://127.0.0.1:8080/v1", "--rates", "1,2", "--max-tokens", "64", "--duration", "30",
            "--arrival", "poisson", "--arrival-seed", "9", "--slo", "e2e=2s", "--goodput", "90%",
        ])
        let base = try command.options.makeConfiguration(baseURL: nil)
        #expect(base.requests.maxOutputTokens == 64 && base.load.duration == .seconds(30))
        #expect(base.load.profile == .poisson(ratePerSecond: 1, seed: 9), "the pattern each rate is sent in")
        #expect(command.goals.goodputShare == 0.9 && command.goals.objectives?.e2eMs == 2000)
        #expect(try SweepCommand.parse(["--simulate", "--rates", "1", "--slo", "ttft=1s"]).goals.goodputShare == 0.95)
    }

    @Test(arguments: [
        (["--simulate"], "give one of --rates, --concurrencies or --find max-rate"),
        (
            ["--simulate", "--concurrencies", "1,2", "--turns", "3"],
            "--turns needs --concurrency (a closed loop; not in a sweep yet)"
        ),
        (
            ["--simulate", "--rates", "1,2", "--find", "max-rate"],
            "give one of --rates, --concurrencies or --find max-rate"
        ),
        (["--simulate", "--rates", "1,2", "--qps", "5"], "--qps is not a sweep option"),
        (["--simulate", "--concurrencies", "2", "--concurrency", "5"], "--concurrency is not a sweep option"),
        (
            ["--simulate", "--rates", "1,2", "--shard", "0/2", "--start-at", "4102444800"],
            "--shard and --start-at are for one run",
        ),
        (["--simulate", "--rates", "1,2", "--steps", "4"], "--steps needs a --rates range"),
        (["--simulate", "--rates", "500-10"], "a --rates range goes up"),
        (["--simulate", "--rates", "1,-2"], "-2 is not a rate"),
        (["--simulate", "--concurrencies", "2,x"], "x is not a whole number of users"),
        (["--simulate", "--concurrencies", "2", "--arrival", "poisson"], "--arrival poisson needs open-loop rates"),
        (["--simulate", "--find", "max-rate", "--precision", "150%"], "150% is not between 0 and 100%"),
        (["--simulate", "--rates", "1", "--goodput", "0.9"], "--goodput needs --slo"),
    ])
    func badFlagsAreRefusedBeforeAnyLoad(arguments: [String], expected: String) {
        let text = message(arguments) ?? "accepted"
        #expect(text.contains(expected), "\(text)")
    }

    @Test func aScenarioFileGivesRunOptionsAndItsSweepSection() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("llmload-sweep-\(UUID()).yaml")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(
            """
            simulate: true
            max-tokens: 32
            qps: 5
            sweep:
              rates: 1-8
              steps: 4
              keep-going: true
            """.utf8
        ).write(to: url)
        let sweep = try SweepCommand.parse(Array(try ScenarioFile.expand(["sweep", "-f", url.path]).dropFirst()))
        #expect(sweep.sweep.loads == .rates([1, 2, 4, 8]) && sweep.sweep.keepGoing)
        #expect(sweep.options.request.maxTokens == 32)
        // `run` reads the same file and leaves the sweep section out; the sweep leaves out run's qps.
        #expect(
            try ScenarioFile.expand(["run", "-f", url.path]) == [
                "run", "--simulate", "--max-tokens", "32", "--qps", "5",
            ])
    }
}
