import Foundation
import Synchronization

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

    /// Keeps the CPUs out of their sleeping idle states while this process lives: an idle CPU
    /// then polls instead of halting, so a thread woken on it by loopback bytes runs at once.
    ///
    /// On a virtual machine a halted virtual CPU is woken by its host, and how long that takes is
    /// the host's business: the release stage measured the client's TTFT 0.56–1.2 ms after the
    /// simulator's record on one CI machine where this machine measures 0.13 ms, with every
    /// inter-token gap still exact to 2 µs (each token paid the same wake-up, so the gaps
    /// cancelled it). That is the machine's wake-up, not the tool's time. Writing 0 to
    /// `/dev/cpu_dma_latency` (Linux's CPU-latency request, as `cyclictest` does) asks the kernel
    /// for idle states with no exit latency, for as long as the file stays open: here, until the
    /// process exits. Returns whether the request was taken (it needs root).
    @discardableResult
    public static func holdShallowIdle() -> Bool {
        #if os(Linux)
            idleHold.withLock { descriptor in
                if descriptor >= 0 { return true }
                let opened = open("/dev/cpu_dma_latency", O_WRONLY | O_CLOEXEC)
                guard opened >= 0 else { return false }
                var microseconds: Int32 = 0
                guard write(opened, &microseconds, MemoryLayout<Int32>.size) == MemoryLayout<Int32>.size else {
                    close(opened)
                    return false
                }
                descriptor = opened
                return true
            }
        #else
            false
        #endif
    }

    /// The open request of ``holdShallowIdle()``: kept open (never closed) until the process exits.
    private static let idleHold = Mutex<Int32>(-1)

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
