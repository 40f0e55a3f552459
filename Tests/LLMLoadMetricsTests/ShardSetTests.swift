import LLMLoadCore
import LLMLoadMetrics
import LLMLoadTestSupport
import Testing

@Suite struct ShardSetTests {
    let origin = ContinuousClock.now

    func shard(
        _ index: Int, of count: Int, runID: String = "r1", change: (inout RunDescription) -> Void = { _ in }
    ) -> (folder: String, summary: RunSummary) {
        var description = ShardFixture.description(
            part: .init(index: index, count: count, runId: runID, startAt: "2026-12-01T18:00:00.000Z"))
        change(&description)
        return ("results/\(runID)-\(index)", ShardFixture.summary([], origin: origin, description: description))
    }

    func refusal(_ runs: [(folder: String, summary: RunSummary)]) -> ShardMergeError? {
        do {
            _ = try ShardSet(checking: runs)
            return nil
        } catch {
            return error
        }
    }

    @Test func ordersEveryShardOfOneLoadByIndex() throws {
        let set = try ShardSet(checking: [shard(2, of: 3), shard(0, of: 3), shard(1, of: 3)])
        #expect(set.shards.map { $0.folder } == ["results/r1-0", "results/r1-1", "results/r1-2"])
    }

    @Test func hostCommandLineAndFolderMayDiffer() throws {
        _ = try ShardSet(checking: [
            shard(0, of: 2),
            shard(1, of: 2) {
                $0.host.hostname = "elsewhere"
                $0.output.folder = "/data/other"
                $0.commandLine = ["llmload", "run", "--shard", "1/2"]
            },
        ])
    }

    @Test func refusesShardsOfDifferentRuns() {
        let error = refusal([shard(0, of: 2), shard(1, of: 2, runID: "r2")])
        #expect(
            error == .differentRuns(folder: "results/r1-0", runID: "r1", otherFolder: "results/r2-1", otherRunID: "r2"))
        #expect(error?.description.contains("shards of different runs (run id r1 and r2)") == true)
    }

    @Test func refusesAMissingShardNamingIt() {
        let error = refusal([shard(0, of: 3), shard(2, of: 3)])
        #expect(error == .missing(indices: [1], count: 3, given: [0, 2]))
        #expect(error?.description.hasPrefix("shard 1/3 is missing (given: 0, 2)") == true)
        #expect(refusal([shard(0, of: 4)])?.description.hasPrefix("shards 1/4, 2/4, 3/4 are missing") == true)
    }

    @Test func refusesADoubledShardNamingBothFolders() {
        let error = refusal([shard(0, of: 2), shard(1, of: 2), shard(1, of: 2)])
        #expect(error == .doubled(part: "1/2", folders: ["results/r1-1", "results/r1-1"]))
        #expect(error?.description.hasPrefix("shard 1/2 is given more than once") == true)
    }

    @Test func refusesDifferentShardCounts() {
        let error = refusal([shard(0, of: 2), shard(1, of: 3)])
        #expect(
            error?.description
                == "results/r1-0 is shard 0/2 but results/r1-1 is shard 1/3: the shards of one load share N")
    }

    @Test func refusesDifferentSettingsNamingTheFirstOne() {
        let error = refusal([shard(0, of: 2), shard(1, of: 2) { $0.load.ratePerS = 40 }])
        #expect(
            error?.description
                == "shard 0 (results/r1-0) and shard 1 (results/r1-1) were set up differently: load.rate_per_s is 30 in "
                + "one and 40 in the other")
        let model = refusal([shard(0, of: 2), shard(1, of: 2) { $0.target.model = "other" }])
        #expect(model?.description.contains("target.model is \"m\" in one and \"other\" in the other") == true)
    }

    @Test func refusesARunThatIsNotAShard() {
        var single = shard(0, of: 2)
        single.summary.runDescription.load.shard = nil
        #expect(refusal([single, shard(1, of: 2)]) == .notAShard(folder: "results/r1-0"))
    }
}
