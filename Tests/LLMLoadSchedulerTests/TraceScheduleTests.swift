import LLMLoadCore
import LLMLoadScheduler
import Testing

/// A trace's instants, in order, then the end; shards split them like any schedule.
@Suite struct TraceScheduleTests {
    let trace = Trace(
        path: "t.jsonl", format: .mooncake,
        entries: [0, 0, 250, 1_000, 1_001, 4_500].enumerated().map { line, milliseconds in
            Trace.Entry(offset: .milliseconds(milliseconds), inputTokens: 10, outputTokens: 1, line: line + 1)
        })

    @Test func everyEntryAtItsOffsetThenNoMore() {
        var schedule = TraceSchedule(trace)
        var offsets: [Duration] = []
        while let offset = schedule.nextOffset() { offsets.append(offset) }
        #expect(offsets == trace.entries.map(\.offset))
        #expect(schedule.nextOffset() == nil, "still ended")
        let load = RunConfiguration.Load(profile: .trace(trace), duration: .seconds(5))
        var made = load.makeGlobalArrivalSchedule()
        #expect(made?.nextOffset() == .zero)
        #expect(load.offeredRatePerSecond == nil && load.profile.peakRatePerSecond == 3, "0, 0, 250 ms in one second")
    }

    @Test func twoShardsSendEveryOtherEntry() throws {
        var second = ShardedSchedule(TraceSchedule(trace), shard: try Shard(index: 1, count: 2))
        var offsets: [Duration] = []
        while let offset = second.nextOffset() { offsets.append(offset) }
        #expect(offsets == [.zero, .milliseconds(1_000), .milliseconds(4_500)])
    }
}
