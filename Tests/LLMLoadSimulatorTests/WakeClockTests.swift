import NIOCore
import NIOPosix
import Testing

@testable import LLMLoadSimulator

/// The simulator's token clock: every wake runs once, never before its deadline, in deadline
/// order, and a wake asked for earlier than the timer's re-arms it.
@Suite(.timeLimit(.minutes(1)))
struct WakeClockTests {
    /// What a test's wakes did, kept on the loop.
    private final class Log {
        var runs: [(wake: Int, at: ContinuousClock.Instant)] = []
        var deadlines: [Int: ContinuousClock.Instant] = [:]
        var clock: WakeClock<Int>?
    }

    /// What the wakes did, taken off the loop.
    private struct Outcome: Sendable {
        var runs: [(wake: Int, at: ContinuousClock.Instant)]
        var deadlines: [Int: ContinuousClock.Instant]
        /// Wakes still in line at the end.
        var left: Int
    }

    /// Schedules through `body` on a fresh loop, then waits until `expected` wakes have run.
    private func run(
        expecting expected: Int, _ body: @escaping @Sendable (WakeClock<Int>, Log) -> Void
    ) async throws -> Outcome {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        do {
            let outcome = try await run(on: group.next(), expecting: expected, body)
            try await group.shutdownGracefully()
            return outcome
        } catch {
            try await group.shutdownGracefully()
            throw error
        }
    }

    private func run(
        on loop: any EventLoop, expecting expected: Int, _ body: @escaping @Sendable (WakeClock<Int>, Log) -> Void
    ) async throws -> Outcome {
        let done = loop.makePromise(of: Void.self)
        let log = try await loop.submit {
            let log = Log()
            let clock = WakeClock<Int>(loop: loop) { wake in
                log.runs.append((wake, .now))
                if log.runs.count == expected { done.succeed() }
                if wake < 0, let clock = log.clock {
                    // A wake that asks for another while the clock runs its pass.
                    let deadline = ContinuousClock.now + .microseconds(700)
                    log.deadlines[-wake + 1_000_000] = deadline
                    clock.schedule(-wake + 1_000_000, at: deadline)
                }
            }
            log.clock = clock
            body(clock, log)
            return NIOLoopBound(log, eventLoop: loop)
        }.get()
        try await done.futureResult.get()
        return try await loop.submit {
            Outcome(runs: log.value.runs, deadlines: log.value.deadlines, left: log.value.clock?.count ?? -1)
        }.get()
    }

    @Test func everyWakeRunsOnceNeverEarlyInDeadlineOrder() async throws {
        var generator = SystemRandomNumberGenerator()
        let offsets = (0..<3_000).map { _ in Int.random(in: 0...30, using: &generator) * 500 }
        // Wakes 0..<3000 at random deadlines (many shared), 200 of them (negative) asking for one
        // more each as they run, and 20 whose deadline has already passed.
        let log = try await run(expecting: 3_000 + 200 + 20) { clock, log in
            let start = ContinuousClock.now
            for (wake, offset) in offsets.enumerated() {
                let id = wake < 200 ? -(wake + 1) : wake
                let deadline = start + .microseconds(offset)
                log.deadlines[id] = deadline
                clock.schedule(id, at: deadline)
            }
            for wake in 5_000..<5_020 {
                log.deadlines[wake] = start - .milliseconds(1)
                clock.schedule(wake, at: start - .milliseconds(1))
            }
        }
        #expect(log.runs.count == 3_220)
        #expect(Set(log.runs.map(\.wake)).count == 3_220, "each wake ran once")
        #expect(log.left == 0)
        for run in log.runs {
            let deadline = try #require(log.deadlines[run.wake])
            #expect(run.at >= deadline, "wake \(run.wake) ran \(deadline - run.at) early")
        }
        // Those asked for before the clock ran: in deadline order, ties in the order asked.
        let first = log.runs.filter { $0.wake < 1_000_000 }.map(\.wake)
        let expected = first.sorted { a, b in
            let (da, db) = (log.deadlines[a]!, log.deadlines[b]!)
            return da != db ? da < db : order(a) < order(b)
        }
        #expect(first.count == expected.count)
        let misplaced = zip(first, expected).enumerated().first { $0.element.0 != $0.element.1 }
        #expect(misplaced == nil, "out of deadline order from run \(misplaced?.offset ?? -1)")
    }

    /// The order `everyWakeRunsOnceNeverEarlyInDeadlineOrder` asked for its wakes in.
    private func order(_ wake: Int) -> Int { wake < 0 ? -wake - 1 : wake }

    /// A deadline's fraction of a nanosecond makes it due a nanosecond later, never earlier.
    @Test func deadlinesRoundUpToTheNanosecond() {
        #expect(
            Duration(secondsComponent: 2, attosecondsComponent: 5_000_000_000).nanosecondsRoundedUp == 2_000_000_005)
        #expect(
            Duration(secondsComponent: 2, attosecondsComponent: 5_000_000_001).nanosecondsRoundedUp == 2_000_000_006)
        #expect(Duration(secondsComponent: 0, attosecondsComponent: 1).nanosecondsRoundedUp == 1)
        #expect(Duration(secondsComponent: 0, attosecondsComponent: 1).nanosecondCount == 0)
        #expect(Duration.zero.nanosecondsRoundedUp == 0)
    }

    @Test func anEarlierWakeReArmsTheTimer() async throws {
        let log = try await run(expecting: 2) { clock, log in
            let start = ContinuousClock.now
            log.deadlines = [1: start + .seconds(1), 2: start + .milliseconds(5)]
            clock.schedule(1, at: start + .seconds(1))
            clock.schedule(2, at: start + .milliseconds(5))
        }
        #expect(log.runs.map(\.wake) == [2, 1])
        // Waiting for the later deadline's timer would have run it a second late.
        #expect(log.runs[0].at < log.deadlines[1]!, "the earlier wake waited for the later one's timer")
        #expect(log.runs[1].at >= log.deadlines[1]!)
    }
}
