import NIOCore

/// The deadlines of one event loop's exchanges in flight, earliest first, under one timer.
///
/// A NIO timer per request cost a heap insertion to arm and, to cancel it when the request
/// ended, a linear search of every timer on the loop: with thousands of long answers in flight,
/// each request paid for all the others (docs/performance.md). Here arming and ending are O(1):
/// every request of a run has the same timeout, so deadlines come in the order requests start
/// and a new one goes at the end; the rare earlier one (a request sent again keeps its first
/// deadline) is put in its place from the end. The one timer waits for the first deadline; when
/// the first entry ends before it, the timer fires for nothing once and waits for the next.
///
/// Call everything on `loop`.
final class DeadlineList {
    /// What the list holds: the exchange itself (a subclass), linked in place, so that ending
    /// one allocates and searches nothing.
    class Entry {
        /// When it gives up.
        let deadline: NIODeadline
        fileprivate var next: Entry?
        /// Not retaining: while listed, an entry is held by the one before it (or `first`).
        fileprivate unowned(unsafe) var previous: Entry?
        fileprivate var isListed = false

        init(deadline: NIODeadline) {
            self.deadline = deadline
        }

        /// Its deadline passed while listed; it is unlisted already. Override.
        func deadlinePassed() {}
    }

    private let loop: any EventLoop
    private var first: Entry?
    private unowned(unsafe) var last: Entry?
    private var timer: Scheduled<Void>?
    private var timerDeadline: NIODeadline?

    init(loop: any EventLoop) {
        self.loop = loop
    }

    /// Lists `entry` until ``remove(_:)`` or its deadline; it must not be listed already.
    func insert(_ entry: Entry) {
        precondition(!entry.isListed, "an entry is listed once")
        let deadline = entry.deadline
        entry.isListed = true
        var after = last
        while let candidate = after, candidate.deadline > deadline { after = candidate.previous }
        entry.previous = after
        if let after {
            entry.next = after.next
            after.next = entry
        } else {
            entry.next = first
            first = entry
        }
        if let next = entry.next { next.previous = entry } else { last = entry }
        if timerDeadline.map({ deadline < $0 }) ?? true { arm(at: deadline) }
    }

    /// Unlists `entry`, if listed.
    func remove(_ entry: Entry) {
        guard entry.isListed else { return }
        entry.isListed = false
        if let next = entry.next { next.previous = entry.previous } else { last = entry.previous }
        if let previous = entry.previous { previous.next = entry.next } else { first = entry.next }
        entry.next = nil
        entry.previous = nil
    }

    /// Every listed entry, earliest deadline first.
    func listed() -> [Entry] {
        var entries: [Entry] = []
        var next = first
        while let entry = next {
            entries.append(entry)
            next = entry.next
        }
        return entries
    }

    private func arm(at deadline: NIODeadline) {
        timer?.cancel()
        timerDeadline = deadline
        timer = loop.assumeIsolated().scheduleTask(deadline: deadline) { [self] in expire() }
    }

    private func expire() {
        timer = nil
        timerDeadline = nil
        let now = loop.now
        while let entry = first, entry.deadline <= now {
            remove(entry)
            entry.deadlinePassed()
        }
        if let first, timerDeadline == nil { arm(at: first.deadline) }
    }
}
