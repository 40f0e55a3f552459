import LLMLoadTestSupport
import Synchronization
import Testing

/// Every integration suite whose verdict does not depend on wall-clock time is nested here, so
/// that they run one after another (each puts real load on the machine's two cores). Unit-test
/// suites run in parallel beside them: nothing here compares a duration with a bound that other
/// work on the machine could break.
@Suite(.serialized, .timeLimit(.minutes(5)))
enum Integration {}

/// The suites whose verdict depends on wall-clock time: TTFT and E2E against the simulator's
/// record, timeouts, drains, sampling intervals, closed-loop throughput. They run in the timing
/// stage only (see ``TimingStage``): in a process of their own that `swift test` starts from its
/// XCTest pass (`TimingStageTests`), one after another, at raised priority. In the ordinary Swift
/// Testing pass they are skipped, having run there.
@Suite(
    .serialized, .timeLimit(.minutes(5)), .timingStagePriority,
    .enabled(if: TimingStage.isActive, "runs alone in the timing stage: TimingStageTests starts it")
)
enum Timing {}

/// Raises the priority of every thread of the timing stage before each of its tests (threads made
/// since the last test included), keeps the CPUs from sleeping while it runs, and says once
/// whether it could.
struct TimingStagePriority: SuiteTrait, TestTrait, TestScoping {
    var isRecursive: Bool { true }
    private static let hasReported = Atomic(false)

    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let priority = TimingStage.raisePriority()
        let idle = TimingStage.holdShallowIdle()
        if Self.hasReported.compareExchange(expected: false, desired: true, ordering: .relaxed).exchanged {
            print("timing stage: every thread's priority \(priority)")
            print(
                idle
                    ? "timing stage: CPUs held in polling idle states (/dev/cpu_dma_latency 0)"
                    : "timing stage: CPUs may sleep when idle (/dev/cpu_dma_latency needs root): wake-ups may show")
        }
        try await function()
    }
}

extension Trait where Self == TimingStagePriority {
    static var timingStagePriority: Self { Self() }
}
