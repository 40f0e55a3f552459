import Foundation
import LLMLoadCore
import LLMLoadMetrics
import LLMLoadReport
import LLMLoadTestSupport
import Testing

extension Timing {
    /// Three `llmload run --shard i/3 --start-at T` processes against one simulator, merged by
    /// `llmload merge`, count what one process sending the same schedule counts, with the
    /// percentiles of the simulator's own record.
    @Suite(.enabled(if: BuiltBinary.llmload != nil, BuiltBinary.missing))
    struct ShardMergeTests {
        static let options = ["--api", "ollama-generate", "--model", "llmload-sim", "--qps", "40", "--duration", "3"]
        static let requests = 120

        @Test func mergedShardsCountAsOneProcessWithTheSimulatorsPercentiles() async throws {
            let simulator = simulatorConfiguration(ttftMilliseconds: 20, itlMilliseconds: 2, outputTokens: 5)
            // Time for three debug processes to start, discover the target and make their folders.
            let startsAt = Date().addingTimeInterval(4)
            let globalStart = ContinuousClock.now + .seconds(startsAt.timeIntervalSinceNow)
            let (shards, single, truths) = try await withSimulator(simulator) { baseURL, truth in
                let children = try (0..<3).map { index in
                    try ExitCodeChild(
                        ["--url", baseURL] + Self.options + [
                            "--shard", "\(index)/3", "--start-at", String(startsAt.timeIntervalSince1970),
                        ])
                }
                var folders: [URL] = []
                for child in children {
                    #expect(try await child.exitStatus() == 0, "\(child.standardError)")
                    folders.append(try #require(child.folder))
                }
                let shardTruths = truth.all
                // The same schedule from one process, after the shards.
                let one = try ExitCodeChild(["--url", baseURL] + Self.options)
                #expect(try await one.exitStatus() == 0, "\(one.standardError)")
                return (folders, try #require(one.folder), shardTruths)
            }
            let output = FileManager.default.temporaryDirectory.appendingPathComponent("llmload-merged-\(UUID())")
            defer { try? FileManager.default.removeItem(at: output) }
            let merging = try MergeProcess.run(shards.reversed().map(\.path) + ["--output", output.path])
            #expect(merging.status == 0, "\(merging.standardError)")
            print(merging.standardOutput)
            // A run folder like any: compared with the single process's.
            let comparing = try MergeProcess.run(
                [output.path, single.path, "--output", output.appendingPathComponent("compare").path],
                command: "compare")
            #expect(comparing.status == 0, "\(comparing.standardError)")
            let merged = try SummaryWriter.decode(Data(contentsOf: output.appendingPathComponent("summary.json")))
            let alone = try SummaryWriter.decode(Data(contentsOf: single.appendingPathComponent("summary.json")))

            // The counts of one process, exactly.
            #expect(merged.requests.total == Self.requests && alone.requests.total == Self.requests)
            #expect(merged.requests.sent == alone.requests.sent)
            #expect(merged.requests.byOutcome == alone.requests.byOutcome)
            #expect(merged.requests.byHttpStatus == alone.requests.byHttpStatus)
            #expect(merged.requests.finishReasons == alone.requests.finishReasons)
            #expect(merged.tokens.outputTotal == alone.tokens.outputTotal)
            #expect(merged.errors == alone.errors)
            let rows = try CSVRows.read(output.appendingPathComponent("requests.csv"))
            for (id, expected) in alone.latency.summaries where id != "decode_speed_tokens_per_s" {
                #expect(merged.latency.summaries[id]?.count == expected.count, "\(id)")
            }
            // A decode speed needs a decode that took measurable time: an answer read all at once
            // (a late read, with three debug processes on two cores) has none, in either run. The
            // merged count is that of the merged rows that have one.
            let decodeSpeeds = rows.filter { $0["outcome"] == "ok" && $0.number("decode_tokens_per_s") != nil }
            #expect(merged.latency.summaries["decode_speed_tokens_per_s"]?.count == decodeSpeeds.count)
            #expect(decodeSpeeds.count >= Self.requests / 2, "\(decodeSpeeds.count) decode speeds")
            #expect(merged.timeseries.map(\.offered) == alone.timeseries.map(\.offered))
            let skews = try #require(merged.merge).shards.map(\.startLateMs)
            #expect(skews.count == 3 && skews.allSatisfy { ($0 ?? .infinity) < 50 }, "start skews \(skews)")

            // Percentiles: those of one histogram holding every request's value, so within the
            // histogram's 3 significant digits of the nearest-rank percentile of the merged rows.
            let ttfts = rows.compactMap { $0["outcome"] == "ok" ? $0.number("ttft_ms") : nil }.sorted()
            let e2es = rows.compactMap { $0["outcome"] == "ok" ? $0.number("e2e_ms") : nil }.sorted()
            #expect(ttfts.count == Self.requests)
            let ttft = try #require(merged.latency.summaries["ttft_ms"])
            let e2e = try #require(merged.latency.summaries["e2e_ms"])
            for (percentile, found, values) in [
                (50.0, ttft.p50, ttfts), (90, ttft.p90, ttfts), (99, ttft.p99, ttfts), (50, e2e.p50, e2es),
                (99, e2e.p99, e2es),
            ] {
                let exact = nearestRank(values, percentile)
                #expect(abs(found - exact) <= exact * 0.001 + 0.001, "P\(percentile): \(found) against \(exact)")
            }

            // And those of the simulator's record of the same requests, within the transit
            // between it and the client (AccuracyTests): the medians within its bound; the P99s,
            // where one late wake-up of a debug process among three on two busy cores lands,
            // within ``tailBoundMilliseconds``.
            let tag = try #require(merged.merge?.runId)
            let recorded = truths.filter { $0.requestID?.hasPrefix("llmload-\(tag)-") == true }
            #expect(recorded.count == Self.requests)
            let trueTTFTs = recorded.map { ($0.tokenWrittenAt[0] - $0.receivedAt).milliseconds }.sorted()
            let trueE2Es = recorded.map { ($0.finishedAt - $0.receivedAt).milliseconds }.sorted()
            for (name, found, truth, bound) in [
                ("TTFT P50", ttft.p50, nearestRank(trueTTFTs, 50), transitBoundMilliseconds(atRate: 40)),
                ("TTFT P99", ttft.p99, nearestRank(trueTTFTs, 99), Self.tailBoundMilliseconds),
                ("E2E P50", e2e.p50, nearestRank(trueE2Es, 50), transitBoundMilliseconds(atRate: 40)),
                ("E2E P99", e2e.p99, nearestRank(trueE2Es, 99), Self.tailBoundMilliseconds),
            ] {
                print("merged \(name) \(found) ms, simulator's record \(truth) ms")
                #expect(found - truth > -0.5 && found - truth < bound, "\(name): \(found) against \(truth)")
            }

            // The simulator saw the requests arrive on the global schedule: each shard's median
            // lag as one process's (a shard whose start were mapped wrongly would be off by its
            // whole error), and the P99 of all within the tail bound.
            var lags: [Int: Double] = [:]
            for truth in recorded {
                let index = try #require(truth.requestID?.split(separator: "-").last.flatMap { Int($0) })
                let due = globalStart + .nanoseconds(Int64((Double(index) * 1e9 / 40).rounded()))
                lags[index] = (truth.receivedAt - due).milliseconds
            }
            let sorted = lags.values.sorted()
            print(
                "merged shards' arrival lag at the simulator (ms): median \(nearestRank(sorted, 50)), "
                    + "P99 \(nearestRank(sorted, 99)), max \(sorted.last!)")
            #expect(sorted[0] > -1 && nearestRank(sorted, 99) < Self.tailBoundMilliseconds)
            for shard in 0..<3 {
                let own = lags.filter { $0.key % 3 == shard }.map(\.value).sorted()
                #expect(nearestRank(own, 50) < 5, "shard \(shard): median arrival lag \(nearestRank(own, 50)) ms")
            }
        }

        /// The bound on a P99 against the simulator's: 5 ms with `LLMLOAD_STRICT_ACCURACY=1` (a
        /// release build on a quiet machine), else 50 ms: three debug processes beside other
        /// engineers' builds on two cores measured an arrival-lag P99 of 4.8 to 39 ms (median
        /// 1.7–2.3 ms), and TTFT P99s up to 7 ms above the simulator's.
        static var tailBoundMilliseconds: Double {
            ProcessInfo.processInfo.environment["LLMLOAD_STRICT_ACCURACY"] == "1" ? 5 : 50
        }

        func nearestRank(_ sorted: [Double], _ percentile: Double) -> Double {
            sorted[max(0, Int((percentile / 100 * Double(sorted.count)).rounded(.up)) - 1)]
        }
    }
}
