/// The timing model shared by every simulated API: a request waits for a slot, its first token
/// is written `timeToFirstToken` after it got one, and token *k* at
/// `start + timeToFirstToken + k × interTokenLatency`. Deadlines are absolute, so a late
/// wake-up never delays the tokens after it; what was actually written, and when, is recorded.
struct SimulatedGeneration {
    let configuration: SimulatorConfiguration
    let outputTokens: Int
    let fault: FaultKind?
    let clock = ContinuousClock()

    /// Tokens written before an injected mid-stream fault.
    var tokensBeforeFault: Int { outputTokens / 2 }

    /// Runs the token schedule, calling `write` with each token's index and text right after
    /// recording the instant. Stops early (returning `false`) where a mid-stream fault is due.
    func run(
        startedAt start: ContinuousClock.Instant,
        truth: inout SimulatedRequestTruth,
        write: (Int, String) async throws -> Void
    ) async throws -> Bool {
        let count = fault == nil ? outputTokens : tokensBeforeFault
        truth.tokenWrittenAt.reserveCapacity(count)
        for index in 0..<count {
            try await clock.sleep(until: tokenDeadline(index, from: start), tolerance: nil)
            truth.tokenWrittenAt.append(clock.now)
            try await write(index, TokenText.token(index))
        }
        if count == 0 {
            try await clock.sleep(until: start + configuration.timeToFirstToken, tolerance: nil)
        }
        truth.finishedAt = clock.now
        return fault == nil
    }

    /// When the whole answer would be complete (non-streaming responses are sent then).
    func completionDeadline(from start: ContinuousClock.Instant) -> ContinuousClock.Instant {
        tokenDeadline(max(0, outputTokens - 1), from: start)
    }

    func tokenDeadline(_ index: Int, from start: ContinuousClock.Instant) -> ContinuousClock.Instant {
        start + configuration.timeToFirstToken + configuration.interTokenLatency * index
    }

    /// Prefill as Ollama would report it: the first token's latency less one decode step.
    var promptEvalDuration: Duration {
        max(.zero, configuration.timeToFirstToken - configuration.interTokenLatency)
    }
}
