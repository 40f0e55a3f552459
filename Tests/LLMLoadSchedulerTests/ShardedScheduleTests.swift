import LLMLoadCore
import LLMLoadScheduler
import Testing

/// N shards of a schedule send, between them, exactly the global schedule: every arrival once,
/// with its global number and instant.
@Suite struct ShardedScheduleTests {
    private static func offsets(_ schedule: some ArrivalSchedule, count: Int) -> [Duration] {
        var schedule = schedule
        return (0..<count).compactMap { _ in schedule.nextOffset() }
    }

    private static let profiles: [(String, any ArrivalSchedule)] = [
        ("constant", ConstantRateSchedule(ratePerSecond: 30)),
        ("poisson", PoissonSchedule(ratePerSecond: 30, seed: 7)),
        ("gamma", GammaSchedule(ratePerSecond: 30, burstiness: 0.5, seed: 7)),
        ("ramp", RampSchedule(RateRamp(startPerSecond: 5, endPerSecond: 50, span: .seconds(3)))),
    ]

    @Test(arguments: 0..<4, [1, 2, 3, 7])
    func theShardsTogetherAreTheGlobalSchedule(profile: Int, shards: Int) throws {
        let global = Self.profiles[profile].1
        let expected = Self.offsets(global, count: 100)
        var union: [Int: Duration] = [:]
        for index in 0..<shards {
            let shard = try Shard(index: index, count: shards)
            let local = Self.offsets(ShardedSchedule(global, shard: shard), count: shard.localCount(ofGlobal: 100))
            #expect(local.count == shard.localCount(ofGlobal: 100))
            for (number, offset) in local.enumerated() {
                let globalIndex = shard.globalIndex(ofLocal: number)
                #expect(union[globalIndex] == nil, "request \(globalIndex) sent twice")
                union[globalIndex] = offset
            }
        }
        #expect(union.count == 100)
        #expect((0..<100).map { union[$0] } == expected, "\(Self.profiles[profile].0) over \(shards) shards")
    }

    @Test func aShardEndsWhenTheGlobalScheduleDoes() throws {
        // One arrival only: the third shard has none.
        let empty = ConstantRateSchedule(ratePerSecond: 1e-300)
        var shard = ShardedSchedule(empty, shard: try Shard(index: 2, count: 3))
        #expect(shard.nextOffset() == nil)
    }

    @Test func parsingAndShares() throws {
        #expect(try Shard(parsing: "2/3") == Shard(index: 2, count: 3))
        #expect(throws: ShardError.syntax("2-3")) { try Shard(parsing: "2-3") }
        #expect(throws: ShardError.index(3, count: 3)) { try Shard(parsing: "3/3") }
        #expect(throws: ShardError.index(-1, count: 3)) { try Shard(parsing: "-1/3") }
        #expect(throws: ShardError.count(0)) { try Shard(parsing: "0/0") }
        // 10 requests over 3 shards: 4, 3, 3; users likewise, adding up to the whole.
        let shards = try (0..<3).map { try Shard(index: $0, count: 3) }
        #expect(shards.map { $0.localCount(ofGlobal: 10) } == [4, 3, 3])
        #expect(shards.map { $0.users(ofTotal: 2) } == [1, 1, 0])
        #expect(shards.map { $0.localCount(ofGlobal: 0) } == [0, 0, 0])
        #expect(shards[1].globalIndex(ofLocal: 2) == 7)
    }
}
