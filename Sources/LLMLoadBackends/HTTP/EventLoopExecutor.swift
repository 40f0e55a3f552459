import NIOCore

/// Runs a request's task on an event loop of the client, the loop whose pool sends it.
///
/// On Swift's global executor, a request hops threads twice: to the loop to be written, and
/// back when its continuation resumes with the record. Preferred for the request's task
/// (`addTask(executorPreference:)`), the whole request runs on the loop's thread: the
/// continuation resumes as a job of the same loop, without a wake-up of another thread.
/// (The simulator has its own: it shares no code with the client.)
final class EventLoopExecutor: TaskExecutor {
    let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
