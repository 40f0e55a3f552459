import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The test stage in which the suites whose verdict depends on wall-clock time run: alone, in a
/// process of their own, at raised scheduling priority.
///
/// Swift Testing runs every suite of `swift test` in parallel in one process, so a ground-truth
/// comparison of TTFT with the simulator's record shared two cores with whatever else ran then
/// (one run measured a 440 ms offset, the next 29 ms). `swift test` runs its XCTest pass and its
/// Swift Testing pass one after the other; the XCTest pass has one test (`TimingStageTests`) that
/// starts the test binary again for the timing suites only, with `LLMLOAD_TIMING_STAGE=1`, and
/// waits for it. In the Swift Testing pass those suites are skipped (they ran in that child).
/// Inside the stage, ``raisePriority()`` puts every thread ahead of ordinary work (a compiler
/// beside the tests), so what the tests measure is the tool, not the machine's other load.
public enum TimingStage {
    /// The environment variable that marks the process as the timing stage.
    public static let environmentKey = "LLMLOAD_TIMING_STAGE"

    /// Whether this process is the timing stage (or was started for it by hand:
    /// `LLMLOAD_TIMING_STAGE=1 swift test --filter Timing`).
    public static var isActive: Bool {
        ProcessInfo.processInfo.environment[environmentKey] == "1"
    }

    /// How the stage's threads are scheduled, best first.
    public enum Priority: Sendable, Equatable, CustomStringConvertible {
        /// `SCHED_RR`: a thread that wakes runs at once, ahead of every ordinary process. The
        /// kernel still leaves ordinary processes 5 % of each second (`sched_rt_runtime_us`).
        case realTime
        /// A niceness of -15: far ahead of a compiler at 0, but a wake-up may wait its turn.
        case raisedNiceness
        /// Neither was allowed (they need root or `CAP_SYS_NICE`).
        case normal

        public var description: String {
            switch self {
            case .realTime: "real-time (SCHED_RR)"
            case .raisedNiceness: "niceness -15"
            case .normal: "normal (raising it needs root or CAP_SYS_NICE): other work on the machine may show"
            }
        }
    }

    /// Puts every thread of this process ahead of ordinary work (a build beside the tests), so
    /// that it cannot delay the tool's event loops or the simulator's: what the timing suites
    /// measure is then the tool, not the machine's other load. Threads made later by these
    /// threads inherit the setting. Returns what it could set.
    @discardableResult
    public static func raisePriority() -> Priority {
        #if os(Linux)
            guard let tasks = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task") else {
                return .normal
            }
            let threads = tasks.compactMap { pid_t($0) }
            var parameter = sched_param(sched_priority: 1)
            if threads.allSatisfy({ sched_setscheduler($0, SCHED_RR, &parameter) == 0 }) { return .realTime }
            // PRIO_PROCESS with a thread id sets that thread's niceness on Linux.
            let which = __priority_which_t(PRIO_PROCESS.rawValue)
            if threads.allSatisfy({ setpriority(which, id_t($0), -15) == 0 }) { return .raisedNiceness }
            return .normal
        #else
            return setpriority(PRIO_PROCESS, 0, -15) == 0 ? .raisedNiceness : .normal
        #endif
    }

    /// Runs the test binary this process was started from again, for the suites matching
    /// `filter`, in the timing stage; its output goes to this process's. Returns its exit status.
    public static func runAlone(filter: String, timeout: Duration) throws -> Int32 {
        let child = Process()
        #if os(Linux)
            child.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        #else
            child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        #endif
        child.arguments = ["--testing-library", "swift-testing", "--filter", filter]
        var environment = ProcessInfo.processInfo.environment
        environment[environmentKey] = "1"
        child.environment = environment
        try child.run()
        let deadline = ContinuousClock.now + timeout
        while child.isRunning && ContinuousClock.now < deadline { usleep(50_000) }
        if child.isRunning {
            child.terminate()
            child.waitUntilExit()
            return -1
        }
        return child.terminationStatus
    }
}
