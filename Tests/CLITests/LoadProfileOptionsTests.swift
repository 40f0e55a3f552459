import ArgumentParser
import Foundation
import LLMLoadCore
import Testing

@testable import LLMLoadCLI

/// The load-profile flags: parsing, the configuration they make, and their conflicts (STYLE T7).
@Suite struct LoadProfileOptionsTests {
    private func configuration(_ arguments: [String]) throws -> RunConfiguration.Load {
        try RunCommand.parse(arguments).makeConfiguration(baseURL: "http://h").load
    }

    private func validationMessage(_ arguments: [String]) -> String? {
        do {
            _ = try RunCommand.parse(arguments)
            return nil
        } catch {
            return RunCommand.message(for: error)
        }
    }

    @Test func constantArrivalsAtOneRequestASecondByDefault() throws {
        let load = try configuration([])
        #expect(load.profile == .constant(ratePerSecond: 1))
        #expect(load.offeredRatePerSecond == 1)
    }

    @Test func poissonIsSeededWithAFixedDefault() throws {
        let load = try configuration(["--arrival", "poisson", "--qps", "50"])
        #expect(load.profile == .poisson(ratePerSecond: 50, seed: 42))
        let seeded = try configuration(["--arrival", "poisson", "--arrival-seed", "7"])
        #expect(seeded.profile == .poisson(ratePerSecond: 1, seed: 7))
    }

    @Test func gammaTakesItsShapeFromBurstinessAndIsSeededLikePoisson() throws {
        let load = try configuration(["--arrival", "gamma", "--burstiness", "0.5", "--qps", "20"])
        #expect(load.profile == .gamma(ratePerSecond: 20, burstiness: 0.5, seed: 42))
        #expect(load.offeredRatePerSecond == 20, "the shape does not change the mean rate")
        let seeded = try configuration(["--arrival", "gamma", "--burstiness", "3", "--arrival-seed", "9"])
        #expect(seeded.profile == .gamma(ratePerSecond: 1, burstiness: 3, seed: 9))
        #expect(seeded.profile.label == "gamma@1.00(k=3.0)")
    }

    @Test func aScenarioFileSetsGammaArrivals() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "llmload-gamma-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data("qps: 8\narrival: gamma\nburstiness: 0.25\narrival-seed: 3\n".utf8).write(to: url)
        let arguments = try ScenarioFile.expand(["run", "-f", url.path])
        let load = try RunCommand.parse(Array(arguments.dropFirst())).makeConfiguration(baseURL: "http://h").load
        #expect(load.profile == .gamma(ratePerSecond: 8, burstiness: 0.25, seed: 3))
    }

    @Test func maxInFlightCapsAnyOpenLoop() throws {
        #expect(try configuration(["--qps", "20", "--max-in-flight", "4"]).maximumInFlight == 4)
        #expect(try configuration(["--ramp", "1-10/10s", "--max-in-flight", "2"]).maximumInFlight == 2)
        let gamma = try configuration(["--arrival", "gamma", "--burstiness", "0.5", "--max-in-flight", "8"])
        #expect(gamma.maximumInFlight == 8)
        #expect(try configuration(["--qps", "20"]).maximumInFlight == nil)
    }

    @Test func turnsGoIntoTheClosedLoopsLoad() throws {
        let load = try configuration(["--concurrency", "4", "--think-time", "1s", "--turns", "5"])
        #expect(load.conversationTurns == 5)
        #expect(RunDescription.Load(configuration: load).turns == 5)
        #expect(try configuration(["--concurrency", "4"]).conversationTurns == nil)
    }

    @Test func concurrencyMakesAClosedLoopWithOptionalThinkTime() throws {
        let load = try configuration(["--concurrency", "8", "--think-time", "500ms", "--warmup", "10s"])
        #expect(load.profile == .closedLoop(users: 8, thinkTime: .milliseconds(500)))
        #expect(load.offeredRatePerSecond == nil)
        #expect(load.warmupSpan == .seconds(10))
        #expect(try configuration(["--concurrency", "2"]).profile == .closedLoop(users: 2, thinkTime: .zero))
        let byCount = try configuration(["--concurrency", "2", "--warmup-requests", "5"])
        #expect(byCount.isWarmup(index: 4, offset: .seconds(3)) && !byCount.isWarmup(index: 5, offset: .zero))
    }

    @Test func rampReadsStartEndAndSpan() throws {
        let load = try configuration(["--ramp", "10-500/60s", "--duration", "90"])
        #expect(load.profile == .ramp(.init(startPerSecond: 10, endPerSecond: 500, span: .seconds(60))))
        #expect(load.profile.peakRatePerSecond == 500, "the highest rate sizes the connection pool")
        // 15 300 requests in the ramp, 15 000 in the 30 s at 500/s: 30 300 in 90 s.
        #expect(abs(try #require(load.offeredRatePerSecond) - 30_300 / 90) < 1e-9)
        let short = try configuration(["--ramp", "1-2.5/500ms"])
        #expect(short.profile == .ramp(.init(startPerSecond: 1, endPerSecond: 2.5, span: .milliseconds(500))))
    }

    @Test(arguments: [
        (["--qps", "5", "--concurrency", "4"], "--qps and --concurrency exclude each other"),
        (["--rate", "5", "--ramp", "1-10/10s"], "--ramp and --qps exclude each other"),
        (["--concurrency", "0"], "--concurrency must be at least 1"),
        (["--concurrency=-2"], "--concurrency must be at least 1"),
        (["--concurrency", "4", "--arrival", "poisson"], "--arrival poisson needs an open loop"),
        (["--concurrency", "4", "--ramp", "1-10/10s"], "--ramp and --concurrency exclude each other"),
        (["--ramp", "1-10/10s", "--arrival", "poisson"], "--ramp sends at constant spacing"),
        (["--think-time", "1s"], "--think-time needs --concurrency"),
        (["--concurrency", "2", "--think-time=-1s"], "--think-time must be zero or more"),
        (["--arrival-seed", "3"], "--arrival-seed needs --arrival poisson or gamma"),
        (["--arrival", "gamma"], "--arrival gamma needs --burstiness K"),
        (["--burstiness", "0.5"], "--burstiness needs --arrival gamma"),
        (["--arrival", "poisson", "--burstiness", "0.5"], "--burstiness needs --arrival gamma"),
        (["--arrival", "gamma", "--burstiness", "0"], "--burstiness must be a positive number"),
        (["--arrival", "gamma", "--burstiness=-1"], "--burstiness must be a positive number"),
        (["--arrival", "gamma", "--burstiness", "nan"], "--burstiness must be a positive number"),
        (["--arrival", "gamma", "--burstiness", "inf"], "--burstiness must be a positive number"),
        (["--concurrency", "4", "--arrival", "gamma", "--burstiness", "2"], "--arrival gamma needs an open loop"),
        (["--ramp", "1-10/10s", "--arrival", "gamma", "--burstiness", "2"], "drop --arrival gamma"),
        (["--arrival", "bursty"], "bursty"),
        (["--max-in-flight", "0"], "--max-in-flight must be at least 1"),
        (["--max-in-flight=-3"], "--max-in-flight must be at least 1"),
        (["--max-in-flight", "200000"], "--max-in-flight"),
        (["--concurrency", "2", "--max-in-flight", "2"], "--max-in-flight caps an open loop"),
        (["--ramp", "0-10/10s"], "0-10/10s"),
        (["--ramp", "10-500"], "10-500"),
        (["--ramp", "10-500/0s"], "10-500/0s"),
        (["--ramp", "ten-500/60s"], "ten-500/60s"),
        (["--turns", "3"], "--turns needs --concurrency"),
        (["--qps", "5", "--turns", "3"], "--turns needs --concurrency"),
        (["--ramp", "1-10/10s", "--turns", "3"], "--turns needs --concurrency"),
        (["--concurrency", "2", "--turns", "0"], "--turns must be at least 1"),
        (["--concurrency", "2", "--turns", "1001"], "--turns 1001 is above the largest accepted, 1000"),
        (["--concurrency", "2", "--turns", "3", "--api", "openai-completions"], "--turns needs a chat API"),
        (["--concurrency", "2", "--turns", "3", "--api", "ollama-generate"], "--turns needs a chat API"),
    ])
    func rejects(_ arguments: [String], message: String) {
        let text = validationMessage(arguments)
        #expect(text?.contains(message) == true, "\(arguments): \(text ?? "accepted")")
    }

    @Test func helpShowsAnExampleOfEachProfile() {
        let help = RunCommand.helpMessage()
        for example in [
            "--arrival poisson", "--arrival gamma --burstiness 0.5", "--concurrency 8", "--ramp 10-500/60s", "--qps 20",
        ] {
            #expect(help.contains(example), "no example with \(example)")
        }
    }
}
