import LLMLoadCore
import LLMLoadMetrics
import LLMLoadSimulator
import LLMLoadTestSupport
import Testing

extension Timing {
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
            let harness = RunHarness()
            defer { harness.cleanUp() }
            // 200 ms to the first token, then 40 more at 20 ms: 1 s a request, so 8 users finish
            // 8 requests a second. 4.5 s lets each user start 5 requests (the 5th at about 4 s),
            // with room on both sides for the client's own time. A long request keeps the
            // client's turnaround (a few ms; tens on a busy machine) small beside it.
            let simulator = simulatorConfiguration(ttftMilliseconds: 200, itlMilliseconds: 20, outputTokens: 41)
            let (result, truths) = try await withSimulator(simulator) { baseURL, truth in
                var configuration = harness.configuration(baseURL: baseURL, rate: 1, duration: .milliseconds(4500))
                configuration.load.profile = .closedLoop(users: 8, thinkTime: .zero)
                return (try await harness.run(configuration), truth.all)
            }
            let predicted = 8 / (0.2 + 40 * 0.02)
            #expect(truths.count == 40, "8 users × 5 requests")
            #expect(peakOverlap(truths) == 8, "never more than 8 in flight, and 8 most of the time")
            let first = try #require(truths.map(\.receivedAt).min())
            let last = try #require(truths.map(\.finishedAt).max())
            let served = Double(truths.count) / (last - first).seconds
            // Never faster than the latency allows (that would mean more than 8 in flight); slower
            // only by the client's turnaround between a user's answer and its next request (a
            // few ms; up to 35 ms seen in a debug build on a busy machine).
            #expect(served <= predicted * 1.01, "served \(served)/s, predicted \(predicted)/s")
            #expect(served >= predicted * 0.94, "served \(served)/s, predicted \(predicted)/s")
            let measured = try #require(result.summary.throughput.requestsPerS)
            print("closed loop of 8: served \(served)/s, measured \(measured)/s, predicted \(predicted)/s")
            #expect(
                abs(measured - served) / served < 0.02, "the summary says \(measured)/s, the server saw \(served)/s")
            #expect(result.summary.runDescription.load.pattern == "concurrency@8")
            #expect(result.summary.runDescription.load.concurrency == 8)
            #expect(result.summary.runDescription.load.offeredRatePerS == nil, "a closed loop offers no rate")
            #expect(result.summary.requests.byOutcome["ok"] == 40)
        }
    }
}
