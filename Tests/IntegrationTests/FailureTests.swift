import Foundation
import LLMLoadBackends
import LLMLoadReport
import LLMLoadRunner
import LLMLoadScheduler
import LLMLoadSimulator
import LLMLoadTestSupport
import Testing

extension Integration {
    /// Servers that fail, stall, lie or die: each failure counted and classified, nothing crashes,
    /// every output written.
    @Suite
    struct FailureTests {
        @Test(arguments: [
            (FaultKind.httpError, "http_error", "HTTP 500: simulated failure"),
            (.busy, "http_error", "HTTP 503: server busy, please try again.  maximum pending requests exceeded"),
            (.midStreamError, "stream_error", "server error in stream: simulated mid-stream failure"),
            (.malformed, "stream_error", "malformed response line: this line is not JSON"),
            (.truncate, "stream_error", "stream ended without its terminator (no done/finish reason)"),
            (.disconnect, "connection_error", "server closed the connection mid-response"),
        ])
        func injectedFaultsAreCountedExactly(fault: FaultKind, outcome: String, message: String) async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            let simulator = simulatorConfiguration(
                ttftMilliseconds: 20, itlMilliseconds: 2, outputTokens: 10, fault: FaultInjection(fault, every: 4)
            )
            let result = try await withSimulator(simulator) { baseURL, _ in
                try await harness.run(
                    harness.configuration(baseURL: baseURL, rate: 50, duration: .seconds(10), maximumRequests: 20))
            }
            let summary = result.summary
            #expect(summary.requests.total == 20)
            #expect(summary.requests.byOutcome["ok"] == 15)
            #expect(summary.requests.byOutcome[outcome] == 5)
            #expect(summary.requests.successRate == 0.75)
            #expect(summary.requests.errorRate == 0.25)
            #expect(summary.errors.map(\.message) == [message])
            #expect(summary.latency[.timeToFirstToken]?.count == 15, "failed requests stay out of the latency figures")
            let rows = try harness.rows(of: result)
            #expect(rows.count == 20)
            #expect(rows.filter { $0["outcome"] == outcome }.allSatisfy { $0["error"] == message })
        }

        @Test func aRandomFailureRateIsCountedExactlyAgainstWhatTheServerDid() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            let simulator = simulatorConfiguration(
                ttftMilliseconds: 10, itlMilliseconds: 2, outputTokens: 5,
                fault: FaultInjection(.httpError, rate: 0.3, seed: 42))
            let (result, truths) = try await withSimulator(simulator) { baseURL, truth in
                let result = try await harness.run(
                    harness.configuration(baseURL: baseURL, rate: 100, duration: .seconds(10), maximumRequests: 100))
                return (result, truth.all)
            }
            let failed = truths.filter { $0.fault != nil }.count
            #expect(failed > 15 && failed < 45, "about 30 % of 100: \(failed)")
            #expect(result.summary.requests.byOutcome["http_error"] == failed)
            #expect(result.summary.requests.byHttpStatus["500"] == failed)
            #expect(result.summary.requests.byOutcome["ok"] == 100 - failed)
            #expect(result.summary.requests.errorRate == Double(failed) / 100)
        }
    }
}

extension Integration {
    /// Problems found before any load is sent: one clear error, nothing sent, no run folder.
    @Suite
    struct PreflightTests {
        @Test func aTargetThatRefusesConnectionsIsAClearError() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            // Port 1 on loopback: nothing listens there.
            let error = await #expect(throws: RunError.self) {
                try await harness.run(
                    harness.configuration(baseURL: "http://127.0.0.1:1", rate: 10, duration: .seconds(5)))
            }
            #expect(error?.description.hasPrefix("cannot reach http://127.0.0.1:1: connection refused") == true)
            #expect((try? FileManager.default.contentsOfDirectory(atPath: harness.output.path))?.isEmpty ?? true)
        }

        @Test func anUnknownModelIsNamedWithTheModelsThatExist() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            let (error, sent) = try await withSimulator(SimulatorConfiguration()) { baseURL, truth in
                let error = await #expect(throws: RunError.self) {
                    try await harness.run(
                        harness.configuration(
                            baseURL: baseURL, rate: 10, duration: .seconds(5), model: "deepseek-r1:1.5b"))
                }
                return (error, truth.all.count)
            }
            #expect(error?.description == #"model "deepseek-r1:1.5b" is not on the server; it has: llmload-sim"#)
            #expect(sent == 0)
        }

        @Test func withoutAModelTheOnlyOneListedIsUsed() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            let simulator = simulatorConfiguration(ttftMilliseconds: 5, itlMilliseconds: 1, outputTokens: 2)
            let result = try await withSimulator(simulator) { baseURL, _ in
                try await harness.run(
                    harness.configuration(baseURL: baseURL, rate: 10, duration: .milliseconds(100), model: nil))
            }
            #expect(result.summary.runDescription.target.model == "llmload-sim")
            #expect(result.summary.runDescription.target.serverVersion == "0.0.0-llmload-sim")
            #expect(result.summary.requests.byOutcome["ok"] == 1)
        }

        @Test func anUnwritableOutputFolderStopsTheRunBeforeAnyRequest() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            let blocker = FileManager.default.temporaryDirectory.appendingPathComponent(
                "llmload-blocker-\(UUID().uuidString)")
            try Data().write(to: blocker)
            defer { try? FileManager.default.removeItem(at: blocker) }
            let sent = try await withSimulator(SimulatorConfiguration()) { baseURL, truth in
                var configuration = harness.configuration(baseURL: baseURL, rate: 10, duration: .seconds(5))
                configuration.output.directory = blocker.appendingPathComponent("results").path
                await #expect(throws: ReportError.self) { try await harness.run(configuration) }
                return truth.all.count
            }
            #expect(sent == 0)
        }
    }
}
