import LLMLoadBackends
import LLMLoadCore
import LLMLoadMetrics
import Synchronization

/// Measures, through a run, how late the HTTP client's event loops run (``ClientLoopDelay``).
///
/// On every loop, a task is due at origin + k × ``ClientLoopDelay/probeInterval``; when it runs
/// it records its delay (and that of every due instant it missed), then schedules itself for the
/// next due instant still ahead. So each loop wakes at most 100 times a second, and the instants
/// never drift. ``stop()`` ends every chain: a task already scheduled runs once more and does
/// nothing, or is dropped when the client shuts down. `package` for tests, which probe an idle
/// client beside a run to tell the machine's own delays from the run's.
package final class EventLoopLagProbe: Sendable {
    private struct State {
        var delay: ClientLoopDelay
        var isStopped = false
    }

    private let client: HTTPInferenceClient
    private let origin: ContinuousClock.Instant
    // Shared by the loops: each takes it at most 100 times a second, for a few instructions.
    private let state: Mutex<State>

    /// - Parameters:
    ///   - origin: the run's start (second 0 of the time series).
    ///   - measuredFrom: where the measured window starts, from `origin` (the warm-up's span).
    package init(client: HTTPInferenceClient, origin: ContinuousClock.Instant, measuredFrom: Duration) {
        self.client = client
        self.origin = origin
        self.state = Mutex(State(delay: ClientLoopDelay(measuredFrom: measuredFrom)))
    }

    /// Starts a chain of probe tasks on every loop of the client.
    package func start() {
        for loop in 0..<client.eventLoopCount { schedule(loop: loop, due: 1) }
    }

    /// Stops the probe and returns what it measured.
    package func stop() -> ClientLoopDelay {
        state.withLock { state in
            state.isStopped = true
            return state.delay
        }
    }

    private func schedule(loop: Int, due index: Int64) {
        client.execute(onEventLoop: loop, at: instant(index)) { [self] in
            ran(loop: loop, due: index)
        }
    }

    /// Records the delay of the task due at `index`, and of every later due instant it passed.
    private func ran(loop: Int, due index: Int64) {
        let now = ContinuousClock.now
        let next: Int64? = state.withLock { state in
            guard !state.isStopped else { return nil }
            var missed = index
            while instant(missed) <= now {
                state.delay.record(delay: now - instant(missed), at: ClientLoopDelay.probeInterval * missed)
                missed += 1
            }
            return missed
        }
        if let next { schedule(loop: loop, due: next) }
    }

    private func instant(_ index: Int64) -> ContinuousClock.Instant {
        origin + ClientLoopDelay.probeInterval * index
    }
}
