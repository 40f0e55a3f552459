import Foundation
import LLMLoadTestSupport
import Testing

extension Integration {
    /// The built `llmload merge` on hand-made shard folders: what it says and its exit status
    /// when the folders are, and are not, every shard of one load.
    @Suite(.enabled(if: BuiltBinary.llmload != nil, BuiltBinary.missing))
    struct MergeTests {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("llmload-merge-\(UUID().uuidString)")

        @Test func mergesEveryShardAndSaysEachOnesStartSkew() throws {
            defer { try? FileManager.default.removeItem(at: base) }
            let shards = try ShardFixture.writeShards(count: 3, in: base)
            let merged = base.appendingPathComponent("merged")
            let result = try MergeProcess.run(shards.map(\.path) + ["--output", merged.path])
            #expect(result.status == 0, "\(result.standardError)")
            #expect(result.standardOutput.contains("Merged 3 shards of run mergetest"))
            #expect(result.standardOutput.contains("shard 1/3 on host-1: start skew 1.5 ms, 10 requests"))
            #expect(FileManager.default.fileExists(atPath: merged.appendingPathComponent("report.html").path))
            // `llmload report` reads the merged folder as any run folder.
            let report = try MergeProcess.run([merged.path], command: "report")
            #expect(report.status == 0, "\(report.standardError)")
        }

        @Test func refusesAFolderThatIsNotARun() throws {
            defer { try? FileManager.default.removeItem(at: base) }
            let shards = try ShardFixture.writeShards(count: 2, in: base)
            try expectRefusal([shards[0], base], saying: "\(base.path): it is not a run folder (no summary.json)")
        }

        @Test func refusesShardsOfDifferentRuns() throws {
            defer { try? FileManager.default.removeItem(at: base) }
            let one = try ShardFixture.writeShards(count: 2, runID: "first", in: base.appendingPathComponent("a"))
            let two = try ShardFixture.writeShards(count: 2, runID: "second", in: base.appendingPathComponent("b"))
            try expectRefusal(
                [one[0], two[1]], saying: "are shards of different runs (run id first and second)")
        }

        @Test func refusesAMissingShard() throws {
            defer { try? FileManager.default.removeItem(at: base) }
            let shards = try ShardFixture.writeShards(count: 3, in: base)
            try expectRefusal([shards[0], shards[2]], saying: "shard 1/3 is missing (given: 0, 2)")
        }

        @Test func refusesADoubledShard() throws {
            defer { try? FileManager.default.removeItem(at: base) }
            let shards = try ShardFixture.writeShards(count: 2, in: base)
            try expectRefusal([shards[0], shards[1], shards[1]], saying: "shard 1/2 is given more than once")
        }

        @Test func refusesShardsSetUpDifferently() throws {
            defer { try? FileManager.default.removeItem(at: base) }
            let shards = try ShardFixture.writeShards(count: 2, in: base) { index, description in
                if index == 1 { description.requests.maxTokens = 64 }
            }
            try expectRefusal(shards, saying: "requests.max_tokens is absent in one and 64 in the other")
        }

        /// `llmload merge` exits 1 with `message` on standard error, and writes no merged folder.
        func expectRefusal(_ folders: [URL], saying message: String, sourceLocation: SourceLocation = #_sourceLocation)
            throws
        {
            let output = base.appendingPathComponent("merged")
            let result = try MergeProcess.run(folders.map(\.path) + ["--output", output.path])
            #expect(result.status == 1, sourceLocation: sourceLocation)
            #expect(result.standardError.hasPrefix("llmload: cannot merge: "), sourceLocation: sourceLocation)
            #expect(result.standardError.contains(message), "\(result.standardError)", sourceLocation: sourceLocation)
            #expect(!FileManager.default.fileExists(atPath: output.path), sourceLocation: sourceLocation)
        }
    }
}

/// Runs the built `llmload <command> …` to its end.
enum MergeProcess {
    struct Result {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    static func run(_ arguments: [String], command: String = "merge") throws -> Result {
        guard let binary = BuiltBinary.llmload else { throw CocoaError(.fileNoSuchFile) }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("llmload-proc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let (out, err) = (scratch.appendingPathComponent("out"), scratch.appendingPathComponent("err"))
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = binary
        process.arguments = [command] + arguments
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, standardOutput: try String(contentsOf: out, encoding: .utf8),
            standardError: try String(contentsOf: err, encoding: .utf8))
    }
}
