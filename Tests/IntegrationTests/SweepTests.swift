import Foundation
import LLMLoadCore
import LLMLoadMetrics
import LLMLoadRunner
import LLMLoadScheduler
import LLMLoadTestSupport
import Logging
import Testing

extension Timing {
    /// `llmload sweep` against a simulator of known capacity: 4 requests generate at once, each
    /// for exactly 1 s (200 ms to the first token, 40 more at 20 ms), so it completes 4
    /// requests a second and no more.
    @Suite
    struct SweepTests {
        private let simulator = simulatorConfiguration(
            ttftMilliseconds: 200, itlMilliseconds: 20, outputTokens: 41, maximumConcurrency: 4)

        private func sweep(
            _ loads: SweepLoads, baseURL: String, harness: RunHarness, duration: Duration, goodput: Double? = nil
        ) -> SweepRun {
            var logger = Logger(label: "test")
            logger.logLevel = .critical
            var base = harness.configuration(baseURL: baseURL, rate: 1, duration: duration, timeout: .seconds(20))
            base.objectives = goodput == nil ? nil : ServiceLevelObjectives(endToEndLatency: .seconds(2))
            let goals = SweepSummary.Goals(
                objectives: goodput == nil ? nil : .init(e2eMs: 2000), goodputShare: goodput, maxErrorRate: 0.1,
                minKeptUpShare: 0.95, precision: 0.1)
            return SweepRun(
                base: base, loads: loads, goals: goals, pause: .milliseconds(500), stop: StopSignal(), logger: logger)
        }

        @Test func findMaxRateReportsTheCapacityWithinItsPrecision() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            let result = try await withSimulator(simulator) { baseURL, _ in
                try await sweep(
                    .findMaxRate(start: 2, precision: 0.1, limit: 64), baseURL: baseURL, harness: harness,
                    duration: .seconds(8), goodput: 0.95
                ).run()
            }
            let verdicts = result.summary.points.map {
                "\($0.offeredRatePerS ?? 0): \($0.failedBecause ?? "passed")"
            }.joined(separator: "; ")
            print("find-max-rate points: \(verdicts)")
            let found = try #require(result.summary.found)
            let rate = try #require(found.maxRatePerS, "\(found.evidence)")
            #expect(abs(rate - 4) <= 0.1 * 4, "found \(rate) req/s: \(found.evidence)")
            #expect(try #require(found.precisionReached) <= 0.1)
            let points = result.summary.points
            #expect(points.map(\.offeredRatePerS).prefix(3) == [2, 4, 8], "doubled from the start")
            #expect(points.first { $0.offeredRatePerS == 8 }?.passed == false)
            // Every point is a full run folder of its own.
            for point in points {
                let folder = result.folder.appendingPathComponent(point.folder)
                #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("summary.json").path))
            }
        }

        @Test func aFixedSweepIsFlatBelowTheKneeGrowsAboveAndStopsEarly() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            let result = try await withSimulator(simulator) { baseURL, _ in
                try await sweep(.rates([2, 3, 8, 12]), baseURL: baseURL, harness: harness, duration: .seconds(10))
                    .run()
            }
            let points = result.summary.points
            #expect(points.map(\.offeredRatePerS) == [2, 3, 8], "12 req/s is skipped after 8 failed")
            let e2e = points.map { $0.latency["e2e_ms"]?.p50 ?? 0 }
            #expect(abs(e2e[0] - 1000) < 50 && abs(e2e[1] - 1000) < 50, "flat below the knee: \(e2e)")
            #expect(e2e[2] > 1500, "growing above it: \(e2e)")
            #expect(points[0].passed && points[1].passed)
            let saturated = points[2]
            #expect(!saturated.passed)
            #expect(saturated.stopReason?.contains("growing queue") == true, "\(saturated.stopReason ?? "none")")
            #expect(try #require(saturated.keptUpShare) < 0.8)
        }
    }
}

extension Integration {
    /// Ctrl-C during a sweep ends the current point as it ends a run, and the sweep keeps the
    /// points done; nothing after them runs.
    @Suite
    struct SweepStopTests {
        @Test func aStopEndsTheCurrentPointAndKeepsThePointsDone() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            var logger = Logger(label: "test")
            logger.logLevel = .critical
            let stop = StopSignal()
            let simulator = simulatorConfiguration(ttftMilliseconds: 50, itlMilliseconds: 10, outputTokens: 5)
            let result = try await withSimulator(simulator) { [logger] baseURL, _ in
                let base = harness.configuration(baseURL: baseURL, rate: 1, duration: .seconds(3))
                let goals = SweepSummary.Goals(
                    objectives: nil, goodputShare: nil, maxErrorRate: 0.1, minKeptUpShare: 0.95, precision: nil)
                var sweep = SweepRun(
                    base: base, loads: .rates([5, 6, 7]), goals: goals, pause: .zero, stop: stop, logger: logger)
                // The stop is the subject: a first point judged on a busy machine must not end the list.
                sweep.keepsGoing = true
                return try await sweep.run { summary, _ in
                    guard summary.points.count == 1 else { return }
                    Task {
                        try await Task.sleep(for: .seconds(1))
                        stop.request()
                    }
                }
            }
            #expect(result.summary.interrupted)
            #expect(result.summary.points.map(\.offeredRatePerS) == [5, 6], "7 req/s never ran")
            #expect(result.summary.points[0].stopReason == nil)
            #expect(result.summary.points[1].stopReason == "interrupted" && !result.summary.points[1].passed)
            let second = result.folder.appendingPathComponent(result.summary.points[1].folder)
            #expect(FileManager.default.fileExists(atPath: second.appendingPathComponent("summary.json").path))
        }
    }
}
