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

    /// The tokens a stream writes: all of them, or those before its fault.
    var streamedTokens: Int { fault == nil ? outputTokens : tokensBeforeFault }

    /// When the write starting at token `next` is due: the token's deadline, and with a
    /// ``SimulatorConfiguration/coalescingInterval`` not before `notBefore` (the last write plus
    /// the interval).
    func writeDeadline(
        next: Int, from start: ContinuousClock.Instant, notBefore: ContinuousClock.Instant
    ) -> ContinuousClock.Instant {
        max(tokenDeadline(next, from: start), notBefore)
    }

    /// The tokens one write at `writtenAt` carries, from `next` on: one token, or with a
    /// coalescing interval every token due by then.
    func tokensDue(from next: Int, at writtenAt: ContinuousClock.Instant, start: ContinuousClock.Instant) -> Range<Int>
    {
        var end = next + 1
        if configuration.coalescingInterval > .zero {
            while end < streamedTokens, tokenDeadline(end, from: start) <= writtenAt { end += 1 }
        }
        return next..<end
    }

    /// When the whole answer would be complete (non-streaming responses are sent then; a
    /// stream of no tokens ends then).
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
