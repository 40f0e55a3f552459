import LLMLoadCore
import NIOPosix
import Synchronization
import Testing

@testable import LLMLoadBackends

/// Requests started without a task (``HTTPInferenceClient/start(_:onEventLoop:completion:)``),
/// as the load's open loop sends them: one completion each, on the client's event loop, the same
/// resending and deadlines as ``HTTPInferenceClient/execute(_:)``, and a cancel for all at once.
@Suite struct StartedRequestTests {
    /// What each completion saw.
    final class Completions: Sendable {
        private let state = Mutex<[(index: Int, record: RequestRecord, onEventLoop: Bool)]>([])

        func add(_ outcome: ExchangeOutcome) {
            let onLoop = MultiThreadedEventLoopGroup.currentEventLoop != nil
            state.withLock { $0.append((outcome.record.index, outcome.record, onLoop)) }
        }

        var all: [(index: Int, record: RequestRecord, onEventLoop: Bool)] { state.withLock { $0 } }
        var count: Int { state.withLock { $0.count } }
    }

    static func request(_ index: Int, to baseURL: String, timeout: Duration = .seconds(300)) -> OutgoingRequest {
        OutgoingRequest(
            plan: RequestPlan(
                index: index, scheduledAt: .now, request: InferenceRequest(model: "m", prompt: "p", isStreaming: false)),
            api: OpenAIAPI(endpoint: .completions), baseURL: baseURL, timeout: timeout)
    }

    @Test func eachStartedRequestCompletesOnceOnAnEventLoop() async throws {
        let server = CountingServer()
        let completions = Completions()
        try await server.withRunning { url in
            try await HTTPInferenceClient.withClient(
                configuration: .init(maximumConnections: 8, eventLoops: 2, idleTimeout: ConnectionPoolTests.neverIdle)
            ) { client in
                for index in 0..<6 {
                    client.start(Self.request(index, to: url), onEventLoop: index % 2) { completions.add($0) }
                }
                try await ConnectionPoolTests.eventually { completions.count == 6 }
                // A completion called twice would show here.
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        let all = completions.all
        #expect(all.map(\.index).sorted() == Array(0..<6))
        #expect(all.map(\.record.outcome) == Array(repeating: .ok, count: 6), "\(all.map(\.record.errorMessage))")
        #expect(all.map(\.onEventLoop) == Array(repeating: true, count: 6))
        #expect(server.requestHeads.load(ordering: .relaxed) == 6)
    }

    @Test func cancellingInFlightEndsEveryStartedRequestAndEachLaterOne() async throws {
        // An answer that never comes in the test's time: with 5 s, a CI machine whose test task
        // waited longer than that saw the first answers arrive before it could cancel them.
        let server = CountingServer(delay: .seconds(300))
        let completions = Completions()
        try await server.withRunning { url in
            // Two connections: the third request waits in the pool for one when it is cancelled.
            try await HTTPInferenceClient.withClient(
                configuration: .init(maximumConnections: 2, eventLoops: 1, idleTimeout: ConnectionPoolTests.neverIdle)
            ) { client in
                for index in 0..<3 {
                    client.start(Self.request(index, to: url), onEventLoop: 0) { completions.add($0) }
                }
                try await ConnectionPoolTests.eventually { server.requestHeads.load(ordering: .relaxed) == 2 }
                #expect(completions.count == 0)
                await client.cancelInFlight()
                try await ConnectionPoolTests.eventually { completions.count == 3 }
                client.start(Self.request(3, to: url), onEventLoop: 0) { completions.add($0) }
                try await ConnectionPoolTests.eventually { completions.count == 4 }
            }
        }
        let all = completions.all
        #expect(all.map(\.index).sorted() == Array(0..<4))
        #expect(all.map(\.record.outcome) == Array(repeating: .cancelled, count: 4))
        #expect(all.filter { $0.record.sentAt != nil }.map(\.index).sorted() == [0, 1], "two were written")
        #expect(server.requestHeads.load(ordering: .relaxed) == 2, "nothing was written after the cancel")
    }

    @Test func aStartedRequestWhoseConnectionClosesIsSentAgainThenFails() async throws {
        let server = ClosingServer(answersPerConnection: 0)
        let completions = Completions()
        try await server.withRunning { url in
            try await HTTPInferenceClient.withClient(
                configuration: .init(maximumConnections: 1, eventLoops: 1, idleTimeout: .seconds(600))
            ) { client in
                client.start(Self.request(0, to: url), onEventLoop: 0) { completions.add($0) }
                try await ConnectionPoolTests.eventually { completions.count == 1 }
            }
        }
        let record = try #require(completions.all.first?.record)
        #expect(record.outcome == .connectionError, "\(record.errorMessage ?? "")")
        #expect(record.resentOnClosedConnection)
        #expect(server.requestHeads.load(ordering: .relaxed) == 3)
    }

    @Test func aStartedRequestEndsAtItsDeadline() async throws {
        let server = CountingServer(delay: .seconds(300))
        let completions = Completions()
        try await server.withRunning { url in
            try await HTTPInferenceClient.withClient(configuration: .init(maximumConnections: 1, eventLoops: 1)) {
                client in
                client.start(Self.request(0, to: url, timeout: .milliseconds(300)), onEventLoop: 0) {
                    completions.add($0)
                }
                try await ConnectionPoolTests.eventually { completions.count == 1 }
            }
        }
        #expect(completions.all.map(\.record.outcome) == [.timeout])
    }
}
