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

    /// Runs the token schedule, calling `write` with the indexes of the tokens to write in one
    /// write, right after recording their instant: one token a write, or with a
    /// ``SimulatorConfiguration/coalescingInterval`` every token due by then. Stops early
    /// (returning `false`) where a mid-stream fault is due.
    func run(
        startedAt start: ContinuousClock.Instant,
        truth: inout SimulatedRequestTruth,
        sleep: (ContinuousClock.Instant) async throws -> Void,
        write: (Range<Int>) async throws -> Void
    ) async throws -> Bool {
        let count = fault == nil ? outputTokens : tokensBeforeFault
        let interval = configuration.coalescingInterval
        truth.tokenWrittenAt.reserveCapacity(count)
        var next = 0
        var notBefore = start
        while next < count {
            try await sleep(max(tokenDeadline(next, from: start), notBefore))
            let writtenAt = clock.now
            var end = next + 1
            if interval > .zero {
                while end < count, tokenDeadline(end, from: start) <= writtenAt { end += 1 }
                notBefore = writtenAt + interval
            }
            for _ in next..<end { truth.tokenWrittenAt.append(writtenAt) }
            truth.tokensPerWrite.append(end - next)
            try await write(next..<end)
            next = end
        }
        if count == 0 {
            try await sleep(start + configuration.timeToFirstToken)
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
