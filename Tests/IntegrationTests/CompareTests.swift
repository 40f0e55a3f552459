import Foundation
import LLMLoadCore
import LLMLoadReport
import LLMLoadRunner
import LLMLoadSimulator
import LLMLoadTestSupport
import Testing

extension Timing {
    /// `llmload compare` on real runs against the simulator, whose first token comes exactly
    /// when it is told to: a 10 % slower first token must show as +10 % with an interval that
    /// excludes 0, and two runs of the same settings must show no change.
    @Suite struct CompareTests {
        /// 100 requests at 40 req/s, answers of 10 tokens 5 ms apart after `ttft` ms. (Without
        /// queueing each TTFT is `ttft` plus the transit: a hundred hold its P50's and P90's
        /// intervals within a few tenths of a percent, far inside the bounds below.)
        static func run(_ harness: RunHarness, ttft: Int, label: String) async throws -> URL {
            let simulator = simulatorConfiguration(ttftMilliseconds: ttft, itlMilliseconds: 5, outputTokens: 10)
            return try await withSimulator(simulator) { baseURL, _ in
                var configuration = harness.configuration(baseURL: baseURL, rate: 40, duration: .milliseconds(2500))
                configuration.output.label = label
                return try await harness.run(configuration).folder
            }
        }

        /// 75 Poisson arrivals (one fixed seed) at 15 req/s on a server of 4 slots, each held
        /// about 245 ms (busy about 90 % of the time): most requests queue, so TTFT spreads and
        /// its percentiles have real sampling noise, and the same seed makes both runs the same
        /// load. (Without queueing every TTFT is 200 ms plus the transit, and two runs differ by
        /// the machine's drift between them, not by chance: no bootstrap can cover that.)
        static func queueingRun(_ harness: RunHarness, label: String) async throws -> URL {
            let simulator = simulatorConfiguration(
                ttftMilliseconds: 200, itlMilliseconds: 5, outputTokens: 10, maximumConcurrency: 4)
            return try await withSimulator(simulator) { baseURL, _ in
                var configuration = harness.configuration(baseURL: baseURL, rate: 15, duration: .seconds(10))
                configuration.load.profile = .poisson(ratePerSecond: 15, seed: 7)
                configuration.load.maximumRequests = 75
                configuration.output.label = label
                return try await harness.run(configuration).folder
            }
        }

        @Test func aTenPercentSlowerFirstTokenShowsAsTenPercentWithAnIntervalAboveZero() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            let a = try await Self.run(harness, ttft: 200, label: "ttft200")
            let b = try await Self.run(harness, ttft: 220, label: "ttft220")
            let comparison = RunComparison(runs: [try ComparedRun.load(folder: a), try ComparedRun.load(folder: b)])
            print(ComparisonConsole.render(comparison))
            for key in ["ttft.p50", "ttft.p90"] {
                let change = try #require(comparison.figure(key)?.changes[1])
                let relative = try #require(change.relative)
                // 20 ms on 200 ms, each run's TTFT with the client's own transit beside it (about
                // 1 ms in a debug build, alike in both runs but not the same).
                #expect(abs(relative - 0.10) < 0.01, "\(key) \(relative)")
                let interval = try #require(change.interval?.relativeInterval)
                #expect(interval.lower > 0.05 && interval.upper < 0.15, "\(key) \(interval)")
            }
            // The description does not hold the simulator's settings (the labels say which run is
            // which); each simulator had a port of its own.
            #expect(comparison.differences.map(\.key) == ["target"], "\(comparison.differences)")

            try expectExit(5, ["compare", a.path, b.path, "--fail-if-worse", "ttft.p50=5%"], output: harness.output)
            try expectExit(0, ["compare", a.path, b.path, "--fail-if-worse", "ttft.p50=15%"], output: harness.output)
            try expectExit(0, ["compare", b.path, a.path, "--fail-if-worse", "ttft.p50=1%"], output: harness.output)
            try expectExit(64, ["compare", a.path, b.path, "--fail-if-worse", "ttft=5%"], output: harness.output)
        }

        @Test func twoRunsOfTheSameSettingsShowNoChange() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            let a = try await Self.queueingRun(harness, label: "first")
            let b = try await Self.queueingRun(harness, label: "second")
            let comparison = RunComparison(runs: [try ComparedRun.load(folder: a), try ComparedRun.load(folder: b)])
            print(ComparisonConsole.render(comparison))
            for key in ["ttft.p50", "ttft.p90", "e2e.p50", "e2e.p90"] {
                let interval = try #require(comparison.figure(key)?.changes[1]?.interval)
                #expect(interval.absoluteInterval.contains(0), "\(key) \(interval)")
            }
            let ttft = try #require(comparison.runs[0].summary.latency[.timeToFirstToken])
            #expect(ttft.p50 - ttft.min > 10, "the median request queued: min \(ttft.min), P50 \(ttft.p50)")
            try expectExit(0, ["compare", a.path, b.path, "--fail-if-worse", "ttft.p90=1%"], output: harness.output)
        }

        /// Runs the built `llmload` with `arguments` (compare.html into `output`) and checks its
        /// exit status.
        func expectExit(
            _ status: Int32, _ arguments: [String], output: URL, sourceLocation: SourceLocation = #_sourceLocation
        ) throws {
            guard let binary = BuiltBinary.llmload else {
                Issue.record(Comment(rawValue: BuiltBinary.missing.rawValue), sourceLocation: sourceLocation)
                return
            }
            let process = Process()
            process.executableURL = binary
            process.arguments = arguments + ["--output", output.path]
            let standardError = Pipe()
            process.standardOutput = FileHandle.nullDevice
            process.standardError = standardError
            try process.run()
            let message = String(decoding: standardError.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == status, "\(arguments): \(message)", sourceLocation: sourceLocation)
            if status == 5 { #expect(message.contains("B is worse than A: ttft.p50"), sourceLocation: sourceLocation) }
        }
    }
}
