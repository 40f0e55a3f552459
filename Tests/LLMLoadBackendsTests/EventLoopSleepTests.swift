import LLMLoadBackends
import Testing

/// `HTTPInferenceClient.sleep(onEventLoop:until:)`: the dispatcher's wait for each request's
/// instant, on the loop that sends it.
@Suite struct EventLoopSleepTests {
    @Test func returnsNoEarlierThanTheInstantOnEachLoop() async throws {
        try await HTTPInferenceClient.withClient(configuration: .init(maximumConnections: 1, eventLoops: 2)) {
            client in
            for index in 0..<2 {
                let deadline = ContinuousClock.now + .milliseconds(30)
                try await withTaskExecutorPreference(client.taskExecutor(ofEventLoop: index)) {
                    try await client.sleep(onEventLoop: index, until: deadline)
                }
                #expect(ContinuousClock.now >= deadline)
            }
            // An instant already past returns, without a timer (that it does not wait behind the
            // loop's queue is held by TraceReplayTests, which lost requests while it did).
            try await client.sleep(onEventLoop: 0, until: .now - .seconds(1))
        }
    }

    @Test(.timeLimit(.minutes(5)))
    func aCancelledSleepThrows() async throws {
        try await HTTPInferenceClient.withClient(configuration: .init(maximumConnections: 1, eventLoops: 1)) {
            client in
            // An hour away: only the cancellation can end it within the time limit.
            let sleeping = Task { try await client.sleep(onEventLoop: 0, until: .now + .seconds(3600)) }
            try await Task.sleep(for: .milliseconds(20))
            sleeping.cancel()
            await #expect(throws: (any Error).self) { try await sleeping.value }
            let cancelledFirst = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                try await client.sleep(onEventLoop: 0, until: .now + .seconds(3600))
            }
            await #expect(throws: CancellationError.self) { try await cancelledFirst.value }
        }
    }
}
