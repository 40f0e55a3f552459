import Foundation
import LLMLoadCore
import LLMLoadMetrics
import LLMLoadReport
import LLMLoadTestSupport
import Testing

@Suite struct RunMergeTests {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("llmload-merge-\(UUID().uuidString)")

    @Test func writesOneRunFolderThatReportAndCompareRead() throws {
        defer { try? FileManager.default.removeItem(at: base) }
        let shards = try ShardFixture.writeShards(count: 3, in: base)
        let output = base.appendingPathComponent("merged")
        // Given in any order.
        let (summary, folder) = try RunMerge.merge(
            folders: shards.reversed(), into: output, commandLine: ["llmload", "merge"], language: .en)
        #expect(folder == output)
        for file in ["summary.json", "config.json", "requests.csv", "timeseries.csv", "report.html"] {
            #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent(file).path), "\(file)")
        }
        #expect(summary.requests.total == ShardFixture.requestCount && summary.requests.byOutcome["ok"] == 28)
        #expect(summary.runDescription.load.shard == nil && summary.runDescription.commandLine == ["llmload", "merge"])
        #expect(summary.merge?.shards.map(\.folder) == shards.map(\.path))
        // Every shard's rows, once, each with its shard's index.
        let rows = try CSVRows.read(output.appendingPathComponent("requests.csv"))
        #expect(rows.count == ShardFixture.requestCount)
        for row in rows {
            let index = try #require(row["index"].flatMap { Int($0) })
            #expect(row["shard"] == String(index % 3), "request \(index)")
        }
        // A normal run folder: read back as the run itself wrote it, and comparable.
        let read = try SummaryWriter.decode(Data(contentsOf: output.appendingPathComponent("summary.json")))
        #expect(read == summary)
        let compared = try ComparedRun.load(folder: output)
        #expect(compared.samples["ttft_ms"]?.count == 28)
        // One report, which says each shard's start skew, in either language.
        let page = try String(contentsOf: output.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(page.contains("Merged from the 3 shards of run mergetest"))
        #expect(page.contains("<strong>shard 1/3</strong> on host-1 · start skew 1.5 ms · 10 requests"))
        let zh = try ReportRenderer.render(
            folder: output, language: .zh, output: base.appendingPathComponent("zh.html"))
        #expect(try String(contentsOf: zh, encoding: .utf8).contains("<strong>分片 2/3</strong> 主机 host-2 · 启动偏差 2.5 ms"))
    }

    @Test func refusesShardsThatDoNotBelongTogetherBeforeWritingAnything() throws {
        defer { try? FileManager.default.removeItem(at: base) }
        let shards = try ShardFixture.writeShards(count: 3, in: base.appendingPathComponent("a"))
        let other = try ShardFixture.writeShards(count: 3, runID: "otherrun", in: base.appendingPathComponent("b"))
        let output = base.appendingPathComponent("merged")
        #expect(throws: ShardMergeError.self) {
            _ = try RunMerge.merge(
                folders: [shards[0], shards[1], other[2]], into: output, commandLine: [], language: .en)
        }
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test func neverOverwritesARun() throws {
        defer { try? FileManager.default.removeItem(at: base) }
        let shards = try ShardFixture.writeShards(count: 2, in: base)
        #expect {
            _ = try RunMerge.merge(folders: shards, into: shards[0], commandLine: [], language: .en)
        } throws: { error in
            "\(error)".contains("it holds a run already")
        }
    }
}
