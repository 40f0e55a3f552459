import NIOCore
import NIOEmbedded
import Testing

@testable import LLMLoadBackends

/// The one timer of a loop's deadlines, on a loop whose clock the test moves: each entry's
/// deadline passes at its instant, in deadline order, and never for an entry that ended first.
@Suite struct DeadlineListTests {
    final class Probe: DeadlineList.Entry {
        let name: String
        let passed: (String) -> Void

        init(_ name: String, at deadline: NIODeadline, passed: @escaping (String) -> Void) {
            self.name = name
            self.passed = passed
            super.init(deadline: deadline)
        }

        override func deadlinePassed() { passed(name) }
    }

    final class Log {
        var names: [String] = []
    }

    @Test func deadlinesPassInOrderAndNotForRemovedEntries() {
        let loop = EmbeddedEventLoop()
        let list = DeadlineList(loop: loop)
        let log = Log()
        let start = loop.now
        @discardableResult
        func probe(_ name: String, at milliseconds: Int64) -> Probe {
            let probe = Probe(name, at: start + .milliseconds(milliseconds)) { log.names.append($0) }
            list.insert(probe)
            return probe
        }
        let a = probe("a", at: 100)
        let b = probe("b", at: 200)
        let c = probe("c", at: 300)
        // An earlier deadline after later ones (a request sent again keeps its first deadline),
        // one at the front, and one equal to another's.
        probe("early", at: 150)
        probe("front", at: 50)
        probe("same-as-c", at: 300)
        list.remove(b)
        list.remove(b)  // twice is harmless

        loop.advanceTime(by: .milliseconds(49))
        #expect(log.names.isEmpty)
        loop.advanceTime(by: .milliseconds(1))
        #expect(log.names == ["front"])
        // The first entry ends before its deadline: the timer waits on for the next one.
        list.remove(a)
        loop.advanceTime(by: .milliseconds(60))
        #expect(log.names == ["front"])
        loop.advanceTime(by: .milliseconds(40))
        #expect(log.names == ["front", "early"])
        loop.advanceTime(by: .milliseconds(149))
        #expect(log.names == ["front", "early"])
        loop.advanceTime(by: .milliseconds(1))
        #expect(log.names == ["front", "early", "c", "same-as-c"])
        // An entry that passed is unlisted: removing it does nothing, and the list goes on.
        list.remove(c)
        probe("late", at: 310)
        loop.advanceTime(by: .milliseconds(10))
        #expect(log.names == ["front", "early", "c", "same-as-c", "late"])
    }

    @Test func aListThatEmptiedArmsAgainForTheNextEntry() {
        let loop = EmbeddedEventLoop()
        let list = DeadlineList(loop: loop)
        let log = Log()
        let first = Probe("first", at: loop.now + .milliseconds(10)) { log.names.append($0) }
        list.insert(first)
        list.remove(first)
        loop.advanceTime(by: .milliseconds(20))
        let second = Probe("second", at: loop.now + .milliseconds(5)) { log.names.append($0) }
        list.insert(second)
        loop.advanceTime(by: .milliseconds(5))
        #expect(log.names == ["second"])
    }
}
