import HeapModule
import NIOCore

/// Wakes things at their deadlines, never earlier, on one event loop, under one loop timer.
///
/// The simulator's streams wake once a write: 64,000 times a second at 1,000 token-by-token
/// streams a second. A NIO timer each cost a closure, a promise and a place in the loop's heap
/// of scheduled tasks, whose entries (closures inside) were copied at every step of each sift:
/// that heap alone was 9 % of the simulator's CPU. Here a wake is a plain value in a heap of
/// its own, and the loop's timer waits for the earliest one only.
///
/// Call everything on `loop`. Wakes due at the same nanosecond run in the order they were asked.
final class WakeClock<Wake> {
    private struct Entry: Comparable {
        /// Nanoseconds after `origin`, rounded up: never due before the instant asked.
        var due: Int64
        var order: UInt64
        var wake: Wake

        static func < (a: Entry, b: Entry) -> Bool { (a.due, a.order) < (b.due, b.order) }
        static func == (a: Entry, b: Entry) -> Bool { (a.due, a.order) == (b.due, b.order) }
    }

    private let loop: any EventLoop
    private let run: (Wake) -> Void
    private let origin = ContinuousClock.now
    private var entries = Heap<Entry>()
    private var asked: UInt64 = 0
    private var timer: Scheduled<Void>?
    /// When `timer` fires (`origin`-relative nanoseconds); `Int64.max`: no timer.
    private var timerDue = Int64.max
    /// Running wakes: what they schedule waits for the end of the pass, which arms the timer once.
    private var isFiring = false

    /// `run` is called with each wake when its deadline has passed, on `loop`.
    init(loop: any EventLoop, run: @escaping (Wake) -> Void) {
        self.loop = loop
        self.run = run
    }

    /// Wakes in line, not yet run.
    var count: Int { entries.count }

    /// Runs `wake` at `deadline` or just after.
    func schedule(_ wake: Wake, at deadline: ContinuousClock.Instant) {
        asked &+= 1
        let due = (deadline - origin).nanosecondsRoundedUp
        entries.insert(Entry(due: due, order: asked, wake: wake))
        if due < timerDue, !isFiring { arm(at: due) }
    }

    private func arm(at due: Int64) {
        timer?.cancel()
        timerDue = due
        let delay = due - (.now - origin).nanosecondCount
        let clock = NIOLoopBound(self, eventLoop: loop)
        timer = loop.scheduleTask(in: .nanoseconds(max(0, delay))) { clock.value.fire() }
    }

    /// Runs every wake now due, those that come due while it runs included, then waits for
    /// the next.
    private func fire() {
        timer = nil
        timerDue = .max
        isFiring = true
        defer { isFiring = false }
        while let first = entries.min {
            guard first.due <= (.now - origin).nanosecondCount else { return arm(at: first.due) }
            run(entries.removeMin().wake)
        }
    }
}
