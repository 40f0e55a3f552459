import Foundation
import LLMLoadCore
import LLMLoadMetrics
import LLMLoadRunner
import LLMLoadScheduler
import LLMLoadTestSupport
import Logging
import Testing

extension Timing {
    /// `llmload sweep` against a simulator of known capacity: 8 requests generate at once, each
    /// for exactly 250 ms (50 ms to the first token, 10 more at 20 ms), so it completes 32
    /// requests a second and no more. (Short requests and many slots: a point takes seconds,
    /// and each second still holds dozens of requests to judge it by.)
    @Suite
    struct SweepTests {
        /// One request's time on the server, unloaded, and the requests it completes a second.
        private static let requestMilliseconds = 250.0
        private static let capacity = 32.0
        private let simulator = simulatorConfiguration(
            ttftMilliseconds: 50, itlMilliseconds: 20, outputTokens: 11, maximumConcurrency: 8)

        private func sweep(
            _ loads: SweepLoads, baseURL: String, harness: RunHarness, duration: Duration, goodput: Double? = nil
        ) -> SweepRun {
            var logger = Logger(label: "test")
            logger.logLevel = .critical
            var base = harness.configuration(baseURL: baseURL, rate: 1, duration: duration, timeout: .seconds(20))
            // Twice a request's unloaded time.
            let objective = Int(2 * Self.requestMilliseconds)
            base.objectives = goodput == nil ? nil : ServiceLevelObjectives(endToEndLatency: .milliseconds(objective))
            let goals = SweepSummary.Goals(
                objectives: goodput == nil ? nil : .init(e2eMs: Double(objective)), goodputShare: goodput,
                maxErrorRate: 0.1, minKeptUpShare: 0.95, precision: 0.1)
            // Each point waits for its last answer before it ends: the simulator is idle after it.
            return SweepRun(
                base: base, loads: loads, goals: goals, pause: .milliseconds(100), stop: StopSignal(), logger: logger)
        }

        /// From 11 req/s, doubling to 22 (passes) and 44 (fails), then bisecting to 10 %: six
        /// points, none at the capacity itself, where a point only just keeps up. 33 req/s (3 %
        /// over) may go either way; 35.75 (12 % over) must fail. A point of 3 s leaves 2 s of
        /// steady load after the first second (``SweepSummary/Point/keptUpShare``): at 35.75
        /// req/s, 64 completions against 71.5 sent there (89 %, under the 95 % that passes).
        @Test func findMaxRateReportsTheCapacityWithinItsPrecision() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            let result = try await withSimulator(simulator) { baseURL, _ in
                try await sweep(
                    .findMaxRate(start: 11, precision: 0.1, limit: 256), baseURL: baseURL, harness: harness,
                    duration: .seconds(3), goodput: 0.95
                ).run()
            }
            let verdicts = result.summary.points.map {
                "\($0.offeredRatePerS ?? 0): \($0.failedBecause ?? "passed")"
            }.joined(separator: "; ")
            print("find-max-rate points: \(verdicts)")
            let found = try #require(result.summary.found)
            let rate = try #require(found.maxRatePerS, "\(found.evidence)")
            #expect(abs(rate - Self.capacity) <= 0.1 * Self.capacity, "found \(rate) req/s: \(found.evidence)")
            #expect(try #require(found.precisionReached) <= 0.1)
            let points = result.summary.points
            #expect(points.map(\.offeredRatePerS).prefix(3) == [11, 22, 44], "doubled from the start")
            #expect(points.first { $0.offeredRatePerS == 44 }?.passed == false)
            // Every point is a full run folder of its own.
            for point in points {
                let folder = result.folder.appendingPathComponent(point.folder)
                #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("summary.json").path))
            }
        }

        /// Half and three quarters of the capacity, then one and a half times it, which ends
        /// early. ``SaturationWatch`` judges the queue after 3 s of settling and twice the time of
        /// the first progress line that saw an answer (1 s): from 5 s on, so a point of 6 s
        /// holds that judgement with a second to spare.
        @Test func aFixedSweepIsFlatBelowTheKneeGrowsAboveAndStopsEarly() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            let result = try await withSimulator(simulator) { baseURL, _ in
                try await sweep(.rates([16, 24, 48, 64]), baseURL: baseURL, harness: harness, duration: .seconds(6))
                    .run()
            }
            let points = result.summary.points
            #expect(points.map(\.offeredRatePerS) == [16, 24, 48], "64 req/s is skipped after 48 failed")
            let e2e = points.map { $0.latency["e2e_ms"]?.p50 ?? 0 }
            print("fixed sweep E2E P50 (ms): \(e2e); kept up: \(points.map { $0.keptUpShare ?? 0 })")
            let flat = 0.05 * Self.requestMilliseconds
            #expect(
                abs(e2e[0] - Self.requestMilliseconds) < flat && abs(e2e[1] - Self.requestMilliseconds) < flat,
                "flat below the knee: \(e2e)")
            #expect(e2e[2] > 1.5 * Self.requestMilliseconds, "growing above it: \(e2e)")
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
