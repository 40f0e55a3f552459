import Foundation
import LLMLoadCore
import LLMLoadReport
import LLMLoadRunner
import LLMLoadSimulator
import LLMLoadTestSupport
import Testing

extension Integration {
    /// Replicas (`--url` given more than once): how requests are spread, what a failing replica
    /// does to the figures, and the replicas refused before any load.
    @Suite
    struct ReplicaTests {
        /// Runs `configuration` against two simulators, the second as a replica of the first.
        private func runOnTwo(
            _ first: SimulatorConfiguration, _ second: SimulatorConfiguration, harness: RunHarness,
            rate: Double = 20, balance: LoadBalance = .roundRobin
        ) async throws -> (LoadRun.Result, [[SimulatedRequestTruth]]) {
            try await withSimulator(first) { firstURL, firstTruth in
                try await withSimulator(second) { secondURL, secondTruth in
                    var configuration = harness.configuration(baseURL: firstURL, rate: rate, duration: .seconds(2))
                    configuration.target.replicaURLs = [secondURL]
                    configuration.target.balance = balance
                    let result = try await harness.run(configuration)
                    return (result, [firstTruth.all, secondTruth.all])
                }
            }
        }

        @Test func leastInFlightSendsMoreToTheFasterReplica() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            // A slow replica (1 s answers) and a fast one (about 30 ms): at 20 req/s the slow one
            // has about 20 times as many in flight whenever it has any.
            let slow = simulatorConfiguration(ttftMilliseconds: 900, itlMilliseconds: 20, outputTokens: 5)
            let fast = simulatorConfiguration(ttftMilliseconds: 20, itlMilliseconds: 2, outputTokens: 5)
            let (result, truths) = try await runOnTwo(slow, fast, harness: harness, balance: .leastInFlight)
            let received = truths.map(\.count)
            print("least-in-flight: slow replica received \(received[0]), fast \(received[1])")
            #expect(received.reduce(0, +) == 40 && result.summary.requests.byOutcome["ok"] == 40)
            // Round-robin would give 20 each. The slow one gets a request only while the fast one
            // has as many in flight, which a 30 ms answer at 50 ms intervals seldom has.
            #expect(received[1] > 2 * received[0], "the fast replica got \(received[1]), the slow \(received[0])")
            let targets = try #require(result.summary.targets)
            #expect(targets.map(\.requests.total) == received, "per-target counts are what each simulator saw")
            #expect(result.summary.runDescription.target.balance == "least-in-flight")
        }

        @Test func aFailingReplicaFailsItsOwnShareAndNothingIsRerouted() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            let healthy = simulatorConfiguration(ttftMilliseconds: 20, itlMilliseconds: 2, outputTokens: 5)
            let failing = simulatorConfiguration(
                ttftMilliseconds: 20, itlMilliseconds: 2, outputTokens: 5, fault: FaultInjection(.httpError, every: 1))
            let (result, truths) = try await runOnTwo(healthy, failing, harness: harness)
            #expect(truths.map(\.count) == [20, 20], "round-robin: half each, the failing one too")
            let targets = try #require(result.summary.targets)
            #expect(targets[0].requests.byOutcome["ok"] == 20 && targets[0].requests.successRate == 1)
            #expect(targets[1].requests.byOutcome["http_error"] == 20 && targets[1].requests.errorRate == 1)
            #expect(targets[1].latency[.timeToFirstToken] == nil, "no latency from failed requests")
            #expect(targets[1].errors.first?.httpStatus == 500)
            #expect(
                result.summary.requests.byOutcome["ok"] == 20 && result.summary.requests.byOutcome["http_error"] == 20)
            let rows = try harness.rows(of: result)
            #expect(rows.filter { $0["target"] == "2" }.allSatisfy { $0["outcome"] == "http_error" })
            let console = ConsoleSummary.render(result.summary, folder: nil)
            #expect(console.contains("Per target (round-robin, no re-routing)"), "\(console)")
            #expect(console.contains("  2 \(targets[1].url): 20 requests, 0 ok (0.0 %)"), "\(console)")
            let report = try String(contentsOf: result.folder.appendingPathComponent("report.html"), encoding: .utf8)
            #expect(report.contains("<table class=\"targets\">") && report.contains(targets[1].url))
        }

        @Test func aReplicaThatGoesAwayMidRunFailsItsOwnRequestsAndTheOtherIsUntouched() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            let quick = simulatorConfiguration(ttftMilliseconds: 10, itlMilliseconds: 2, outputTokens: 5)
            let (result, firstReceived, secondReceived) = try await withSimulator(quick) { firstURL, firstTruth in
                let (secondURLs, announce) = AsyncStream.makeStream(of: String.self)
                // The run starts once the second replica is up, and goes on after it stopped.
                async let running: LoadRun.Result = {
                    var iterator = secondURLs.makeAsyncIterator()
                    var configuration = harness.configuration(baseURL: firstURL, rate: 20, duration: .seconds(3))
                    configuration.target.replicaURLs = [await iterator.next() ?? ""]
                    return try await harness.run(configuration)
                }()
                // Read once the simulator has stopped: a request it was answering then is in its record.
                let secondTruth = try await withSimulator(quick) { secondURL, secondTruth in
                    announce.yield(secondURL)
                    try await Task.sleep(for: .seconds(1))
                    return secondTruth
                }
                let result = try await running
                return (result, firstTruth.all.count, secondTruth.all.count)
            }
            let summary = result.summary
            let targets = try #require(summary.targets)
            #expect(summary.requests.total == 60)
            // Round-robin, never re-routed: the first replica got its half, all answered.
            #expect(firstReceived == 30 && targets[0].requests.total == 30 && targets[0].requests.byOutcome["ok"] == 30)
            // The second: what it answered before it stopped, and the rest failed, counted against it.
            let failed = targets[1].requests.byOutcome["connection_error", default: 0]
            #expect(targets[1].requests.total == 30 && targets[1].requests.byOutcome["ok"] == secondReceived)
            #expect(failed > 0 && failed + secondReceived == 30, "\(targets[1].requests.byOutcome)")
            #expect(summary.requests.byOutcome["connection_error"] == failed)
        }

        @Test func replicasServingDifferentModelsAreRefusedNamingTheOneThatDiffers() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            let other = {
                var configuration = SimulatorConfiguration()
                configuration.modelName = "other-model"
                return configuration
            }()
            let (error, url, sent) = try await withSimulator(SimulatorConfiguration()) { firstURL, firstTruth in
                try await withSimulator(other) { secondURL, secondTruth in
                    // No --model: the first replica's only model is asked of the second.
                    var configuration = harness.configuration(
                        baseURL: firstURL, rate: 10, duration: .seconds(5), model: nil)
                    configuration.target.replicaURLs = [secondURL]
                    let error = await #expect(throws: RunError.self) { try await harness.run(configuration) }
                    return (error, secondURL, firstTruth.all.count + secondTruth.all.count)
                }
            }
            #expect(
                error?.description
                    == #"target 2 (\#(url)): model "llmload-sim" is not on the server; it has: other-model"#)
            #expect(sent == 0)
            #expect((try? FileManager.default.contentsOfDirectory(atPath: harness.output.path))?.isEmpty ?? true)
        }

        @Test func replicasSpeakingDifferentAPIsAreRefused() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            let openAIOnly = {
                var configuration = SimulatorConfiguration()
                configuration.servesOllama = false
                return configuration
            }()
            let (error, urls) = try await withSimulator(SimulatorConfiguration()) { firstURL, _ in
                try await withSimulator(openAIOnly) { secondURL, _ in
                    var configuration = harness.configuration(
                        baseURL: firstURL, api: nil, rate: 10, duration: .seconds(5))
                    configuration.target.replicaURLs = [secondURL]
                    let error = await #expect(throws: RunError.self) { try await harness.run(configuration) }
                    return (error, [firstURL, secondURL])
                }
            }
            #expect(
                error?.description
                    == "target 2 (\(urls[1])): serves openai-chat, model llmload-sim, but target 1 (\(urls[0])) serves "
                    + "ollama-generate, model llmload-sim: replicas must serve the same API and model")
        }

        @Test func anUnreachableSecondReplicaIsRefusedBeforeAnyLoad() async throws {
            let harness = RunHarness()
            defer { harness.cleanUp() }
            let (error, sent) = try await withSimulator(SimulatorConfiguration()) { baseURL, truth in
                var configuration = harness.configuration(baseURL: baseURL, rate: 10, duration: .seconds(5))
                // Port 1 on loopback: nothing listens there.
                configuration.target.replicaURLs = ["http://127.0.0.1:1"]
                let error = await #expect(throws: RunError.self) { try await harness.run(configuration) }
                return (error, truth.all.count)
            }
            #expect(
                error?.description.hasPrefix("target 2 (http://127.0.0.1:1): cannot reach http://127.0.0.1:1") == true,
                "\(String(describing: error))")
            #expect(sent == 0)
        }
    }
}
