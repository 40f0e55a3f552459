import Dispatch
import LLMLoadScheduler
import LLMLoadTestSupport
import Synchronization
import Testing

/// The dispatcher's own tasks on an executor it is given, waiting with a sleep it is given (the
/// client's event loop and its timer), on a manual clock.
@Suite(.timeLimit(.minutes(1)))
struct LoadDispatcherTickingTests {
    /// Runs jobs on a serial queue and can tell whether the caller is on it.
    final class QueueExecutor: TaskExecutor, @unchecked Sendable {
        private let queue: DispatchQueue
        private let key = DispatchSpecificKey<ObjectIdentifier>()

        init(_ label: String) {
            queue = DispatchQueue(label: label)
            queue.setSpecific(key: key, value: ObjectIdentifier(self))
        }

        var isCurrent: Bool { DispatchQueue.getSpecific(key: key) == ObjectIdentifier(self) }

        func enqueue(_ job: consuming ExecutorJob) {
            let job = UnownedJob(job)
            queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
        }
    }

    @Test func theTickerWaitsWithTheGivenSleepOnTheGivenExecutorAndRequestsRunOnTheirs() async {
        let clock = ManualClock()
        let home = QueueExecutor("ticker")
        let requestLoops = [QueueExecutor("loop 0"), QueueExecutor("loop 1")]
        // Each sleep: its deadline, and whether the ticker called it from its executor.
        let sleeps = Mutex<[(deadline: Duration, onHome: Bool)]>([])
        let sends = Mutex<[(index: Int, onItsLoop: Bool)]>([])
        let dispatcher = LoadDispatcher(
            clock: clock, limits: .init(duration: .milliseconds(300), drainTimeout: .seconds(5)),
            requestExecutor: { requestLoops[$0 % 2] },
            ticking: .init(
                executor: home,
                sleep: { deadline in
                    sleeps.withLock { $0.append((deadline.offset, home.isCurrent)) }
                    try await clock.sleep(until: deadline, tolerance: nil)
                })
        )
        async let report = dispatcher.run(ConstantRateSchedule(ratePerSecond: 10), startingAt: clock.now) { index, _ in
            sends.withLock { $0.append((index, requestLoops[index % 2].isCurrent)) }
        }
        for sent in 1...3 {
            #expect(await ManualClock.settle { sends.withLock { $0.count } == sent })
            if sent < 3 {
                #expect(await ManualClock.settle { clock.sleeperCount == 1 })
                clock.advance(by: .milliseconds(100))
            }
        }
        // The fourth request is due at 300 ms, the end of the duration: never slept for.
        let result = await report
        #expect(result == .init(dispatched: 3, stopReason: .durationReached, cancelledInFlight: false))
        #expect(sleeps.withLock { $0.map(\.deadline) } == [.zero, .milliseconds(100), .milliseconds(200)])
        #expect(sleeps.withLock { $0.allSatisfy(\.onHome) }, "the ticker ran off its executor")
        #expect(sends.withLock { $0.map(\.index) } == [0, 1, 2])
        #expect(sends.withLock { $0.allSatisfy(\.onItsLoop) }, "a request ran off the executor it was given")
    }

    @Test func aStopEndsTheGivenSleep() async {
        let clock = ManualClock()
        let stop = StopSignal()
        let dispatcher = LoadDispatcher(
            clock: clock, limits: .init(duration: .seconds(10), drainTimeout: .seconds(5)), stop: stop,
            ticking: .init(
                executor: QueueExecutor("ticker"), sleep: { try await clock.sleep(until: $0, tolerance: nil) })
        )
        async let report = dispatcher.run(ConstantRateSchedule(ratePerSecond: 1), startingAt: clock.now) { _, _ in }
        #expect(await ManualClock.settle { dispatcher.gauge.dispatched == 1 && clock.sleeperCount == 1 })
        _ = stop.request()
        let result = await report
        #expect(result == .init(dispatched: 1, stopReason: .interrupted, cancelledInFlight: false))
    }
}
