import NIOCore

/// Runs a stream's work on its connection's event loop, and sleeps on that loop's timers.
///
/// Hummingbird runs a response body in the connection's task on Swift's global executor:
/// every token then costs a timer on the global executor, a thread hop to run the task, and
/// a second hop to hand the bytes to the event loop. With this executor preferred
/// (`withTaskExecutorPreference`) and ``sleep(until:)``, the timer, the task and the write
/// all run on the loop's thread: one core serves several times more tokens a second.
final class EventLoopExecutor: TaskExecutor {
    let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }

    /// Returns at `deadline` or later (never earlier), woken by the loop's own timer.
    /// Cancellation is noticed when the sleep ends: a stream's sleeps are a token apart.
    func sleep(until deadline: ContinuousClock.Instant) async throws {
        while case let remaining = deadline - .now, remaining > .zero {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                eventLoop.scheduleTask(in: .nanoseconds(remaining.nanosecondCount)) { continuation.resume() }
            }
        }
        try Task.checkCancellation()
    }
}
