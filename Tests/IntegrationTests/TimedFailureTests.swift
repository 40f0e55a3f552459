import Foundation
import LLMLoadBackends
import LLMLoadReport
import LLMLoadRunner
import LLMLoadScheduler
import LLMLoadSimulator
import LLMLoadTestSupport
import Testing

extension Timing {
    /// Failures whose check is a duration: a timeout that fires on time, a drain that ends on
    /// time, an interrupt after ten requests, a server that dies half a second into the run.
    @Suite
    struct TimedFailureTests {
        @Test func aSlowServerTimesOut() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            let simulator = simulatorConfiguration(ttftMilliseconds: 3000, itlMilliseconds: 10, outputTokens: 5)
            let result = try await withSimulator(simulator) { baseURL, _ in
                try await harness.run(
                    harness.configuration(
                        baseURL: baseURL, rate: 20, duration: .milliseconds(200), timeout: .milliseconds(300))
                )
            }
            #expect(result.summary.requests.byOutcome["timeout"] == 4)
            #expect(result.summary.requests.timeoutRate == 1)
            for row in try harness.rows(of: result) {
                let elapsed = try #require(row.number("finished_ms")) - (try #require(row.number("scheduled_ms")))
                #expect(elapsed >= 299 && elapsed < 400, "ended at the timeout, not later")
            }
        }

        @Test func theDrainCancelsWhatOutlivesIt() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            let simulator = simulatorConfiguration(ttftMilliseconds: 3000, itlMilliseconds: 10, outputTokens: 5)
            let (result, elapsed) = try await withSimulator(simulator) { baseURL, _ in
                let start = ContinuousClock.now
                let result = try await harness.run(
                    harness.configuration(
                        baseURL: baseURL, rate: 10, duration: .milliseconds(300), drainTimeout: .milliseconds(200))
                )
                return (result, ContinuousClock.now - start)
            }
            #expect(elapsed < .seconds(2), "sending 0.3 s, then at most 0.2 s of drain")
            #expect(result.summary.requests.byOutcome["cancelled"] == 3)
            #expect(result.summary.run.drainCancelledInFlight)
        }

        @Test func anInterruptStopsSendingDrainsAndWritesEverything() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            let simulator = simulatorConfiguration(ttftMilliseconds: 50, itlMilliseconds: 5, outputTokens: 10)
            let stop = StopSignal()
            let result = try await withSimulator(simulator) { baseURL, truth in
                try await withThrowingTaskGroup(of: LoadRun.Result?.self) { group in
                    group.addTask {
                        try await harness.run(
                            harness.configuration(baseURL: baseURL, rate: 20, duration: .seconds(60)), stop: stop)
                    }
                    group.addTask {
                        // Interrupt once ten requests have reached the server.
                        while truth.all.count < 10 { try await Task.sleep(for: .milliseconds(5)) }
                        stop.request()
                        return nil
                    }
                    var result: LoadRun.Result?
                    for try await value in group where value != nil { result = value }
                    return try #require(result)
                }
            }
            #expect(result.summary.run.interrupted)
            #expect(result.summary.run.stopReason == "interrupted")
            #expect(!result.summary.run.drainCancelledInFlight, "the drain let the last requests finish")
            let rows = try harness.rows(of: result)
            #expect(rows.count == result.summary.requests.total)
            #expect(rows.count >= 10 && rows.count < 20)
            #expect(rows.allSatisfy { $0["outcome"] == "ok" })
            let files = try harness.filesWritten(by: result)
            #expect(
                Set(files.keys) == [
                    "config.json", "requests.csv", "responses.jsonl", "responses.txt", "timeseries.csv", "summary.json",
                    "report.html", "server_metrics.jsonl",
                ])
            #expect(files["responses.jsonl"]?.split(separator: "\n").count == rows.count)
            let reportSaysInterrupted = files["report.html"]?.contains("The run was interrupted") == true
            #expect(reportSaysInterrupted)
        }

        @Test func aServerThatDiesMidRunGivesConnectionErrorsAndEveryOutput() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            let simulator = simulatorConfiguration(ttftMilliseconds: 10, itlMilliseconds: 2, outputTokens: 5)
            let (urls, urlContinuation) = AsyncStream.makeStream(of: String.self)
            let result = try await withThrowingTaskGroup(of: LoadRun.Result?.self) { group in
                group.addTask {
                    // The server lives for half a second of a 1.5 s run.
                    try await withSimulator(simulator) { baseURL, _ in
                        urlContinuation.yield(baseURL)
                        try await Task.sleep(for: .milliseconds(500))
                    }
                    return nil
                }
                let baseURL = try #require(await urls.first { _ in true })
                group.addTask {
                    try await harness.run(
                        harness.configuration(baseURL: baseURL, rate: 20, duration: .milliseconds(1500)))
                }
                var result: LoadRun.Result?
                for try await value in group where value != nil { result = value }
                return try #require(result)
            }
            let summary = result.summary
            #expect(summary.requests.total == 30)
            #expect(summary.requests.byOutcome["ok"]! >= 5)
            #expect(summary.requests.byOutcome["connection_error"]! >= 10)
            #expect(summary.requests.byOutcome["ok"]! + summary.requests.byOutcome["connection_error"]! == 30)
            #expect(try harness.rows(of: result).count == 30)
        }
    }
}
