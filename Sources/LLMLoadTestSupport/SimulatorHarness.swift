import Foundation
import LLMLoadSimulator
import Synchronization

/// Collects the simulator's ground truth during a test.
///
/// The simulator records each instant just before it hands bytes to its connection's pipeline; the
/// ``WireTimestamps`` handler sees them later, on the event loop right before the socket (and
/// sees request heads as soon as they are read). Where the wire saw a request, its instants
/// replace the simulator's: they are the closer truth.
public final class TruthLog: Sendable {
    private let truths = Mutex<[SimulatedRequestTruth]>([])
    private let scrapes = Mutex<[SimulatedMetricsScrape]>([])
    public let wire = WireTimestamps()

    public init() {}

    public func record(_ scrape: SimulatedMetricsScrape) {
        scrapes.withLock { $0.append(scrape) }
    }

    /// Every `/metrics` page the simulator served, in the order served.
    public var metricsScrapes: [SimulatedMetricsScrape] { scrapes.withLock { $0 } }

    public func record(_ truth: SimulatedRequestTruth) {
        truths.withLock { $0.append(truth) }
    }

    public var all: [SimulatedRequestTruth] { truths.withLock { $0 }.map(wireCorrected) }

    private func wireCorrected(_ truth: SimulatedRequestTruth) -> SimulatedRequestTruth {
        guard let id = truth.requestID, let entry = wire.entry(for: id) else { return truth }
        var truth = truth
        truth.receivedAt = entry.headArrivedAt
        guard truth.isStreamed else { return truth }
        let writes = entry.bodyWrittenAt.dropFirst(truth.writesBeforeTokens)
        // A coalescing simulator writes several tokens at once: they share their write's instant.
        var token = 0
        for (count, instant) in zip(truth.tokensPerWrite, writes) {
            for index in token..<(token + count) { truth.tokenWrittenAt[index] = instant }
            token += count
        }
        // The write after the last token carries the terminator.
        if writes.count > truth.tokensPerWrite.count {
            truth.finishedAt = writes[writes.startIndex + truth.tokensPerWrite.count]
        }
        return truth
    }

    /// Truths keyed by the request index llmload put in `X-Request-Id` (`llmload-<run>-<index>`).
    public var byRequestIndex: [Int: SimulatedRequestTruth] {
        var result: [Int: SimulatedRequestTruth] = [:]
        for truth in all {
            guard let id = truth.requestID, let index = id.split(separator: "-").last.flatMap({ Int($0) }) else {
                continue
            }
            result[index] = truth
        }
        return result
    }
}

/// Starts the built-in simulator on a free loopback port for the duration of `body`, recording
/// what it actually did (STYLE T4: in-process, port 0, no sleeping for readiness).
public func withSimulator<Result: Sendable>(
    _ configuration: SimulatorConfiguration,
    _ body: @Sendable (_ baseURL: String, _ truth: TruthLog) async throws -> Result
) async throws -> Result {
    let log = TruthLog()
    return try await Simulator.withRunning(
        configuration, observer: { log.record($0) }, metricsObserver: { log.record($0) }, wireTimestamps: log.wire
    ) { baseURL in
        try await body(baseURL, log)
    }
}

/// A simulator configuration with exact timing, for tests.
public func simulatorConfiguration(
    ttftMilliseconds: Int,
    itlMilliseconds: Int,
    outputTokens: Int,
    maximumConcurrency: Int? = nil,
    fault: FaultInjection? = nil
) -> SimulatorConfiguration {
    var configuration = SimulatorConfiguration()
    configuration.timeToFirstToken = .milliseconds(ttftMilliseconds)
    configuration.interTokenLatency = .milliseconds(itlMilliseconds)
    configuration.defaultOutputTokens = outputTokens
    configuration.maximumConcurrency = maximumConcurrency
    configuration.fault = fault
    return configuration
}

/// The median of `values` (mean of the middle two for an even count); `nil` when empty.
public func median(_ values: [Double]) -> Double? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}
