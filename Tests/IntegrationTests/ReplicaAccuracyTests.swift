import Foundation
import LLMLoadCore
import LLMLoadMetrics
import LLMLoadReport
import LLMLoadSimulator
import LLMLoadTestSupport
import Testing

extension Timing {
    /// Two simulators as replicas of one server (`--url` twice): each receives its half of the
    /// load, and every per-target figure is what that simulator recorded doing.
    @Suite
    struct ReplicaAccuracyTests {
        @Test func twoReplicasEachGetHalfAndTheirFiguresMatchTheirOwnRecord() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            // Different answers, so figures credited to the wrong replica could not pass.
            let first = simulatorConfiguration(ttftMilliseconds: 100, itlMilliseconds: 5, outputTokens: 20)
            let second = simulatorConfiguration(ttftMilliseconds: 250, itlMilliseconds: 10, outputTokens: 30)
            let (result, urls, truths) = try await withSimulator(first) { firstURL, firstTruth in
                try await withSimulator(second) { secondURL, secondTruth in
                    var configuration = harness.configuration(baseURL: firstURL, rate: 20, duration: .seconds(2))
                    configuration.target.replicaURLs = [secondURL]
                    let result = try await harness.run(configuration)
                    return (result, [firstURL, secondURL], [firstTruth.byRequestIndex, secondTruth.byRequestIndex])
                }
            }
            let summary = result.summary
            #expect(summary.requests.total == 40 && summary.requests.byOutcome["ok"] == 40)
            // What each simulator itself received: half the load each (round-robin: exactly).
            #expect(truths.map(\.count) == [20, 20])
            #expect(Set(truths[0].keys).isDisjoint(with: truths[1].keys), "no request reached both")
            let targets = try #require(summary.targets)
            #expect(targets.map(\.number) == [1, 2] && targets.map(\.url) == urls)
            #expect(summary.runDescription.target.replicas?.map(\.url) == urls)
            #expect(summary.runDescription.target.balance == "round-robin")

            let rows = try harness.rows(of: result)
            for (position, target) in targets.enumerated() {
                let truth = truths[position]
                let own = rows.filter { $0["target"] == String(position + 1) }
                #expect(own.count == truth.count, "target \(position + 1): rows and the simulator's record")
                #expect(target.requests.total == truth.count && target.requests.byOutcome["ok"] == truth.count)
                var (ttftErrors, e2eErrors) = ([Double](), [Double]())
                var (trueTTFTs, trueE2Es) = ([Double](), [Double]())
                for row in own {
                    let index = try #require(row["index"].flatMap(Int.init))
                    let record = try #require(
                        truth[index], "request \(index) is not in target \(position + 1)'s record")
                    let trueTTFT = (record.tokenWrittenAt[0] - record.receivedAt).milliseconds
                    let trueE2E = (record.finishedAt - record.receivedAt).milliseconds
                    trueTTFTs.append(trueTTFT)
                    trueE2Es.append(trueE2E)
                    ttftErrors.append(try #require(row.number("ttft_ms")) - trueTTFT)
                    e2eErrors.append(try #require(row.number("e2e_ms")) - trueE2E)
                }
                // Tokens: exact, from the simulator's own counts.
                #expect(target.tokens.outputTotal == truth.values.map(\.outputTokens).reduce(0, +))
                #expect(target.tokens.promptTotal == truth.values.map(\.promptTokens).reduce(0, +))
                // Latency: each request as AccuracyTests holds it, then the target's summary
                // against the median of its own simulator's record.
                let bound = transitBoundMilliseconds(atRate: 20)
                let (ttftOffset, e2eOffset) = (try #require(median(ttftErrors)), try #require(median(e2eErrors)))
                print(
                    "target \(position + 1) offset from ground truth (median ms): TTFT \(ttftOffset), E2E \(e2eOffset)")
                #expect(ttftOffset > -0.5 && ttftOffset < bound)
                #expect(e2eOffset > -0.5 && e2eOffset < bound)
                let ttft = try #require(target.latency[.timeToFirstToken])
                let e2e = try #require(target.latency[.endToEndLatency])
                #expect(ttft.count == truth.count && e2e.count == truth.count)
                let (trueTTFT, trueE2E) = (try #require(median(trueTTFTs)), try #require(median(trueE2Es)))
                // HDR buckets hold a value to within 0.1 % (and the median of an even count
                // is between two values): the bound plus that.
                #expect(abs(ttft.p50 - trueTTFT) < bound + trueTTFT * 0.01, "TTFT P50 \(ttft.p50) vs \(trueTTFT)")
                #expect(abs(e2e.p50 - trueE2E) < bound + trueE2E * 0.01, "E2E P50 \(e2e.p50) vs \(trueE2E)")
                #expect(ttft.min >= (position == 0 ? 100 : 250), "the simulator never sends early")
                #expect(target.latency[.timePerOutputToken] != nil && target.latency[.interTokenLatency] != nil)
            }
            // The replicas' figures add up to the run's.
            #expect(targets.map(\.tokens.outputTotal).reduce(0, +) == summary.tokens.outputTotal)
            let rates = targets.compactMap(\.throughput.requestsPerS).reduce(0, +)
            #expect(abs(rates - (summary.throughput.requestsPerS ?? 0)) < 1e-9)
            #expect(try SummaryWriter.decode(try harness.summaryOnDisk(of: result)) == summary)
        }
    }
}
