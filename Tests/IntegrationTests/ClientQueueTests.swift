import Foundation
import LLMLoadCore
import LLMLoadMetrics
import LLMLoadReport
import LLMLoadSimulator
import LLMLoadTestSupport
import Testing

extension Timing {
    /// `--qps 20 --max-in-flight 4` against answers of about a second: requests wait in the
    /// client for a slot, each wait is what the schedule and the answers' ends imply, and the
    /// server never holds more than four.
    @Suite
    struct ClientQueueTests {
        @Test func eachWaitIsWhatTheScheduleAndTheEndsImplyAndTheServerNeverHoldsMoreThanTheCap() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            // 100 ms to the first token, then 9 × 100 ms: about 1 s per answer.
            let simulator = simulatorConfiguration(ttftMilliseconds: 100, itlMilliseconds: 100, outputTokens: 10)
            let cap = 4
            let (result, truths) = try await withSimulator(simulator) { baseURL, truth in
                var configuration = harness.configuration(
                    baseURL: baseURL, rate: 20, duration: .seconds(10), maximumRequests: 12)
                configuration.load.maximumInFlight = cap
                return (try await harness.run(configuration), truth.byRequestIndex)
            }
            let rows = try harness.rows(of: result).sorted { Int($0["index"]!)! < Int($1["index"]!)! }
            #expect(rows.count == 12 && rows.allSatisfy { $0["outcome"] == "ok" })
            #expect(truths.count == 12)

            // FIFO under a cap of C: request k leaves the queue at max(its scheduled instant, the
            // (k − C + 1)-th end), the end being the instant the client saw the answer end.
            let ends = try rows.map { try #require($0.number("finished_ms")) }.sorted()
            var waited = 0
            var worst = 0.0
            var gaps: [Double] = []
            for (k, row) in rows.enumerated() {
                let scheduled = try #require(row.number("scheduled_ms"))
                let queue = try #require(row.number("client_queue_ms"))
                let expected = k < cap ? 0 : max(0, ends[k - cap] - scheduled)
                // requests.csv writes instants and durations to the microsecond: three roundings.
                #expect(abs(queue - expected) <= 0.002, "request \(k): queued \(queue) ms, expected \(expected) ms")
                worst = max(worst, abs(queue - expected))
                if expected > 0 { waited += 1 }
                // The wait and the schedule lag make up the whole delay of the send.
                let sent = try #require(row.number("sent_ms"))
                let lag = try #require(row.number("schedule_lag_ms"))
                #expect(abs(queue + lag - (sent - scheduled)) <= 0.002, "request \(k)")
                guard expected > 0 else { continue }
                // Against the simulator's record: the request reached the server just after the
                // server finished the request whose end freed its slot (a round trip of transit).
                let freer = try #require(rows.firstIndex { $0.number("finished_ms") == ends[k - cap] })
                let truth = try #require(truths[k])
                let freerTruth = try #require(truths[freer])
                let gap = (truth.receivedAt - freerTruth.finishedAt).milliseconds
                #expect(gap >= 0 && gap < 2 * transitBoundMilliseconds(atRate: 20), "request \(k): \(gap) ms")
                gaps.append(gap)
            }
            let queues = rows.compactMap { $0.number("client_queue_ms") }
            print(
                "client queue (ms): \(queues); largest miss from the expectation \(worst) ms; server end → next "
                    + "arrival \(gaps.min() ?? 0)…\(gaps.max() ?? 0) ms")
            #expect(waited == 12 - cap, "every request past the first four waited behind a 1 s answer")

            // The server's own record: never more than the cap at once, and the cap reached.
            var events: [(at: ContinuousClock.Instant, change: Int)] = []
            for truth in truths.values { events += [(truth.receivedAt, 1), (truth.finishedAt, -1)] }
            events.sort { $0.at < $1.at || ($0.at == $1.at && $0.change < $1.change) }
            var inFlight = 0
            var peak = 0
            for event in events {
                inFlight += event.change
                peak = max(peak, inFlight)
            }
            #expect(peak == cap, "the simulator held \(peak) at once")

            let summary = result.summary
            let queue = try #require(summary.latency[.clientQueueTime])
            #expect(queue.count == 12)
            #expect(summary.runDescription.load.maxInFlight == cap)
            #expect(
                RunWarning.detect(in: summary).contains { if case .waitedForSlot(_, cap) = $0 { true } else { false } })
            let console = ConsoleSummary.render(summary, folder: nil)
            #expect(console.contains("(max in flight 4)"))
            #expect(console.contains("Warning: requests waited in the client for a free slot (--max-in-flight 4)"))
            #expect(console.contains("Queue ms"))
        }
    }
}
