import LLMLoadCore
import LLMLoadMetrics
import LLMLoadSimulator
import LLMLoadTestSupport
import Testing

extension Integration {
    /// `--concurrency` against the simulator, checked against what the simulator recorded.
    @Suite
    struct ClosedLoopTests {
        /// The most requests the simulator was serving at once.
        private func peakOverlap(_ truths: [SimulatedRequestTruth]) -> Int {
            // At equal instants an end is counted before a start.
            var events: [(at: ContinuousClock.Instant, step: Int)] = []
            for truth in truths {
                events.append((truth.receivedAt, 1))
                events.append((truth.finishedAt, -1))
            }
            events.sort { $0.at < $1.at || ($0.at == $1.at && $0.step < $1.step) }
            var now = 0
            var peak = 0
            for (_, step) in events {
                now += step
                peak = max(peak, now)
            }
            return peak
        }

        @Test func eightUsersKeepEightInFlightAndTheThroughputTheLatencyAllows() async throws {
            await QuietMachine.wait()
            let harness = RunHarness()
            defer { harness.cleanUp() }
            // 100 ms to the first token, then 20 more at 10 ms: 300 ms a request, so 8 users
            // finish 8 / 0.3 s = 26.7 requests a second. 2.85 s lets each user start 10 requests
            // (the 10th at about 2.7 s), with room on both sides for the client's own time.
            let simulator = simulatorConfiguration(ttftMilliseconds: 100, itlMilliseconds: 10, outputTokens: 21)
            let (result, truths) = try await withSimulator(simulator) { baseURL, truth in
                var configuration = harness.configuration(baseURL: baseURL, rate: 1, duration: .milliseconds(2850))
                configuration.load.profile = .closedLoop(users: 8, thinkTime: .zero)
                return (try await harness.run(configuration), truth.all)
            }
            let predicted = 8 / (0.1 + 20 * 0.01)
            #expect(truths.count == 80, "8 users × 10 requests")
            #expect(peakOverlap(truths) == 8, "never more than 8 in flight, and 8 most of the time")
            let first = try #require(truths.map(\.receivedAt).min())
            let last = try #require(truths.map(\.finishedAt).max())
            let served = Double(truths.count) / (last - first).seconds
            #expect(abs(served - predicted) / predicted < 0.04, "served \(served)/s, predicted \(predicted)/s")
            let measured = try #require(result.summary.throughput.requestsPerS)
            print("closed loop of 8: served \(served)/s, measured \(measured)/s, predicted \(predicted)/s")
            #expect(abs(measured - predicted) / predicted < 0.05, "measured \(measured)/s, predicted \(predicted)/s")
            #expect(result.summary.load.pattern == "concurrency@8")
            #expect(result.summary.load.concurrency == 8)
            #expect(result.summary.load.offeredRatePerS == nil, "a closed loop offers no rate")
            #expect(result.summary.requests.byOutcome["ok"] == 80)
        }
    }
}
