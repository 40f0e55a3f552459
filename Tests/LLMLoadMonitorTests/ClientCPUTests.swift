import LLMLoadMonitor
import Testing

@Suite struct ClientCPUTests {
    @Test func coresAreProcessSecondsPerSecondAndStealTheMachinesShare() throws {
        let start = ContinuousClock.now
        let before = ClientCPU.Reading(
            at: start, processSeconds: 10, machine: CPUTimes(busy: 100, total: 1000, steal: 10))
        let after = ClientCPU.Reading(
            at: start + .seconds(4), processSeconds: 11, machine: CPUTimes(busy: 300, total: 1800, steal: 34))
        let used = try #require(ClientCPU(from: before, to: after))
        #expect(used.cores == 0.25)
        #expect(used.machineStealPercent == 3)
    }

    @Test func noSpanOrNoMachineCountersGiveNothingMadeUp() {
        let now = ContinuousClock.now
        let reading = ClientCPU.Reading(at: now, processSeconds: 1, machine: nil)
        #expect(ClientCPU(from: reading, to: reading) == nil)
        let later = ClientCPU.Reading(at: now + .seconds(1), processSeconds: 1.5, machine: nil)
        #expect(ClientCPU(from: reading, to: later) == ClientCPU(cores: 0.5, machineStealPercent: nil))
        let unread = ClientCPU.Reading(at: now + .seconds(1), processSeconds: nil, machine: nil)
        #expect(ClientCPU(from: reading, to: unread) == nil, "no CPU time read: no figure, not zero")
    }

    /// The counters this process reads of itself: its CPU time grows with work it does.
    @Test func thisProcessesCPUTimeGrowsWithItsWork() throws {
        let before = ClientCPU.Reading.now()
        #if os(Linux)
            #expect(before.machine != nil, "/proc/stat is readable on Linux")
        #endif
        let start = try #require(before.processSeconds, "/proc/self/stat is readable")
        var spin = 0.0
        var after = ClientCPU.Reading.now()
        // Spins until the counters show 50 ms more (bounded: 10 s of wall time at most).
        while (after.processSeconds ?? start) - start < 0.05, after.at - before.at < .seconds(10) {
            for index in 0..<100_000 { spin += Double(index).squareRoot() }
            after = .now()
        }
        #expect(spin > 0)
        #expect(try #require(after.processSeconds) - start >= 0.05)
        #expect(try #require(ClientCPU(from: before, to: after)).cores > 0)
    }
}
