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

        init(_ name: String, passed: @escaping (String) -> Void) {
            self.name = name
            self.passed = passed
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
        func probe(_ name: String, at milliseconds: Int64) -> Probe {
            let probe = Probe(name) { log.names.append($0) }
            list.insert(probe, deadline: start + .milliseconds(milliseconds))
            return probe
        }
        let a = probe("a", at: 100)
        let b = probe("b", at: 200)
        let c = probe("c", at: 300)
        // An earlier deadline after later ones (a request sent again keeps its first deadline),
        // one at the front, and one equal to another's.
        let early = probe("early", at: 150)
        let front = probe("front", at: 50)
        let same = probe("same-as-c", at: 300)
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
        // Entries that passed are unlisted: removing them does nothing, and they can be listed again.
        list.remove(c)
        list.insert(c, deadline: loop.now + .milliseconds(10))
        loop.advanceTime(by: .milliseconds(10))
        #expect(log.names == ["front", "early", "c", "same-as-c", "c"])
        _ = (early, front, same)
    }

    @Test func aListThatEmptiedArmsAgainForTheNextEntry() {
        let loop = EmbeddedEventLoop()
        let list = DeadlineList(loop: loop)
        let log = Log()
        let first = Probe("first") { log.names.append($0) }
        list.insert(first, deadline: loop.now + .milliseconds(10))
        list.remove(first)
        loop.advanceTime(by: .milliseconds(20))
        let second = Probe("second") { log.names.append($0) }
        list.insert(second, deadline: loop.now + .milliseconds(5))
        loop.advanceTime(by: .milliseconds(5))
        #expect(log.names == ["second"])
    }
}
