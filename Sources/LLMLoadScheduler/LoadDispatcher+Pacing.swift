extension LoadDispatcher {
    /// What makes the next request due.
    enum Pacing: Sendable {
        /// Each request at `start + offset` from the schedule; with `slots`, also only once a
        /// slot is free (the cap on requests in flight).
        case open(any ArrivalSchedule, slots: AsyncStream<C.Instant>?)
        /// Each request `thinkTime` after an instant a user became free (the yielded users).
        case closed(freed: AsyncStream<FreedUser>, thinkTime: Duration)

        /// Whether the ticker can be waiting for a request to end, rather than for an instant.
        var waitsForRequestsToEnd: Bool {
            switch self {
            case .open(_, let slots): slots != nil
            case .closed: true
            }
        }
    }

    /// A closed loop's user, free from an instant on.
    struct FreedUser: Sendable {
        var at: C.Instant
        var user: Int
    }

    /// The ticker's view of the pacing: the next due instant, waiting for it if needed, and the
    /// slots of a capped open loop.
    struct NextDue {
        private var schedule: (any ArrivalSchedule)?
        private var freed: AsyncStream<FreedUser>.Iterator?
        private var slots: AsyncStream<C.Instant>.Iterator?
        private let thinkTime: Duration
        private let start: C.Instant
        /// Closed loop: the user whose free instant gave the last ``deadline()``.
        private(set) var user: Int?

        init(_ pacing: Pacing, start: C.Instant) {
            self.start = start
            switch pacing {
            case .open(let schedule, let slots):
                self.schedule = schedule
                self.slots = slots?.makeAsyncIterator()
                thinkTime = .zero
            case .closed(let freed, let thinkTime):
                self.freed = freed.makeAsyncIterator()
                self.thinkTime = thinkTime
            }
        }

        /// `nil` when the schedule has no more, or the wait for a free user was cancelled.
        mutating func deadline() async -> C.Instant? {
            if schedule != nil {
                return schedule!.nextOffset().map { start.advanced(by: $0) }
            }
            guard let free = await freed?.next() else { return nil }
            user = free.user
            return free.at.advanced(by: thinkTime)
        }

        /// Whether each request must also take a slot (``freeSlot()``) before it is sent.
        var waitsForSlots: Bool { slots != nil }

        /// When the next free slot became free (the start, for those free from it), in the order
        /// slots were freed, waiting for one if none is free; `nil` when the wait was cancelled.
        mutating func freeSlot() async -> C.Instant? {
            await slots?.next()
        }
    }

    /// Waits until nothing is in flight, the drain timeout passes, or the user stops now.
    /// Returns `true` if everything finished on its own.
    func drain() async -> Bool {
        let deadline = clock.now.advanced(by: limits.drainTimeout)
        return await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await gauge.waitUntilIdle()
                return !Task.isCancelled
            }
            group.addTask {
                try? await clock.sleep(until: deadline, tolerance: nil)
                return false
            }
            group.addTask {
                await stop.stopNow.wait()
                return false
            }
            let drained = await group.next()!
            group.cancelAll()
            return drained
        }
    }
}
