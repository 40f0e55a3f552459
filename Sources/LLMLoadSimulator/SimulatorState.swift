import NIOCore
import Synchronization

/// What the routes of one simulator share: configuration, the generation queue, the request
/// counter that decides injected faults, and the ground-truth observer.
final class SimulatorState: Sendable {
    let configuration: SimulatorConfiguration
    private let slots: SlotQueue?
    private let requestCount = Mutex(0)
    private let generating = Mutex(0)
    private let observer: (@Sendable (SimulatedRequestTruth) -> Void)?
    /// Prompt and generated tokens of the requests finished so far (`/metrics`' counters).
    private let tokenTotals = Mutex((prompt: 0, generated: 0))
    let metricsObserver: (@Sendable (SimulatedMetricsScrape) -> Void)?
    /// Each event loop's clock for the exchanges it serves.
    private let clocks = Mutex<[ObjectIdentifier: NIOLoopBound<GenerationExchange.Clock>]>([:])

    init(
        configuration: SimulatorConfiguration, observer: (@Sendable (SimulatedRequestTruth) -> Void)?,
        metricsObserver: (@Sendable (SimulatedMetricsScrape) -> Void)? = nil
    ) {
        self.configuration = configuration
        self.slots = configuration.maximumConcurrency.map { SlotQueue(capacity: max(1, $0)) }
        self.observer = observer
        self.metricsObserver = metricsObserver
    }

    /// Numbers generation requests from 1; returns this one's number and the fault due for
    /// it, if any.
    func nextRequest() -> (number: Int, fault: FaultKind?) {
        let number = requestCount.withLock { count in
            count += 1
            return count
        }
        guard let fault = configuration.fault, fault.applies(toRequestNumber: number) else { return (number, nil) }
        return (number, fault.kind)
    }

    /// Takes a generation slot for a request received at `receivedAt`, waiting in line if all
    /// are busy, then calls `start` with the instant generation starts: `receivedAt` when no
    /// wait was needed (so time spent reading the request and writing the response head counts,
    /// as on a real server), else the moment the slot was granted. `start` runs at once, or
    /// later on the thread that freed the slot. Every started generation ends with
    /// ``endGeneration()``.
    func startGeneration(
        receivedAt: ContinuousClock.Instant, _ start: @escaping @Sendable (ContinuousClock.Instant) -> Void
    ) {
        let begin: @Sendable (ContinuousClock.Instant) -> Void = { instant in
            self.generating.withLock { $0 += 1 }
            start(instant)
        }
        guard let slots else { return begin(receivedAt) }
        if slots.acquire(orWhenFree: { begin(.now) }) { begin(receivedAt) }
    }

    /// Frees the slot ``startGeneration(receivedAt:_:)`` took.
    func endGeneration() {
        generating.withLock { $0 -= 1 }
        slots?.release()
    }

    /// The clock of `loop`, the one it is called on; made at the first call there.
    func wakeClock(on loop: any EventLoop) -> GenerationExchange.Clock {
        clocks.withLock { clocks in
            if let clock = clocks[ObjectIdentifier(loop)] { return clock.value }
            let clock = GenerationExchange.Clock(loop: loop) { $0.exchange.run($0.step) }
            clocks[ObjectIdentifier(loop)] = NIOLoopBound(clock, eventLoop: loop)
            return clock
        }
    }

    /// Requests generating now (holding a slot), as llama.cpp's `/slots` shows them.
    var busySlots: Int { generating.withLock { $0 } }

    /// Requests waiting for a slot now (none without a concurrency limit).
    var waitingRequests: Int { slots?.waitingCount ?? 0 }

    /// Prompt and generated tokens of every request finished so far.
    var tokensServed: (prompt: Int, generated: Int) { tokenTotals.withLock { $0 } }

    /// Whether anyone records ground truth (tests): the answer's text is only built then.
    var recordsTruth: Bool { observer != nil }

    func record(_ truth: SimulatedRequestTruth) {
        tokenTotals.withLock { $0 = ($0.prompt + truth.promptTokens, $0.generated + truth.outputTokens) }
        observer?(truth)
    }
}
