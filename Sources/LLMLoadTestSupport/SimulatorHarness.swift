import Foundation
import LLMLoadSimulator
import Synchronization

/// Collects the simulator's ground truth during a test.
public final class TruthLog: Sendable {
    private let truths = Mutex<[SimulatedRequestTruth]>([])

    public init() {}

    public func record(_ truth: SimulatedRequestTruth) {
        truths.withLock { $0.append(truth) }
    }

    public var all: [SimulatedRequestTruth] { truths.withLock { $0 } }

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
    return try await Simulator.withRunning(configuration, observer: { log.record($0) }) { baseURL in
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
