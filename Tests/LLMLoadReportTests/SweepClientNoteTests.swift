import Foundation
import LLMLoadCore
import LLMLoadMetrics
import LLMLoadTestSupport
import Testing

@testable import LLMLoadReport

/// A sweep point whose client ran late says whether the load saturated it or the machine kept it
/// off the CPU, as the run's own warning does, in every sweep output.
@Suite struct SweepClientNoteTests {
    /// The point of a run whose loops ran late while the client used `cores` of a core.
    func point(saturated: Bool, cores: Double?) -> SweepSummary.Point {
        let origin = ContinuousClock.now
        var s = ShardFixture.summary(
            ShardFixture.records(origin: origin), origin: origin, description: ShardFixture.description(part: nil))
        var client = RunSummary.Client(
            eventLoops: 1, probeIntervalMs: 1, saturationBoundMs: 1, eventLoopDelayMs: nil, saturated: saturated,
            saturatedSeconds: saturated ? [2] : [], saturatedFromRatePerS: saturated ? 20 : nil)
        client.cpuCores = cores
        s.client = client
        return SweepSummary.Point(
            index: 0, folder: "point-0", summary: s, goals: SweepFixture.summary().goals, stopReason: nil)
    }

    @Test func aClientKeptOffTheCPUIsDelayedNotSaturated() throws {
        let delayed = point(saturated: true, cores: 0.17)
        #expect(delayed.clientSaturated && delayed.clientDelayed && delayed.clientCpuCores == 0.17)
        #expect(
            SweepConsole.pointLine(delayed, mode: .rates).hasSuffix(
                "(llmload was delayed: it used only 0.17 of a core and was kept off the CPU; "
                    + "its latencies are partly the machine's)"))
        #expect(SweepConsole.pointLine(delayed, mode: .rates, language: .zh).contains("llmload 被延误：它只用了 0.17 个核"))

        let busy = point(saturated: true, cores: 0.97)
        #expect(busy.clientSaturated && !busy.clientDelayed)
        #expect(
            SweepConsole.pointLine(busy, mode: .rates).hasSuffix(
                "(llmload itself was saturated: its latencies are partly its own)"))
        // Without the CPU figure (older files) a late client stays "saturated".
        #expect(!point(saturated: true, cores: nil).clientDelayed)
        // A client that kept time is neither, however little CPU it used.
        let light = point(saturated: false, cores: 0.05)
        #expect(!light.clientDelayed && SweepConsole.clientNote(light) == nil)
        #expect(!SweepConsole.pointLine(light, mode: .rates).contains("llmload"))
    }

    @Test func theCSVAndTheReportCarryTheNote() throws {
        var summary = SweepFixture.summary()
        summary.points[0] = point(saturated: true, cores: 0.17)
        summary.points[1] = point(saturated: true, cores: 0.97)
        summary.points[1].index = 1
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("llmload-sweep-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try SweepWriter.write(summary, to: folder)
        let rows = try CSVRows.read(folder.appendingPathComponent("sweep.csv"))
        #expect(rows.map { $0["client_saturated"] } == ["true", "true", "false", "false", "false"])
        #expect(rows.map { $0["client_delayed"] } == ["true", "false", "false", "false", "false"])
        #expect(rows[0]["client_cpu_cores"] == "0.170" && rows[1]["client_cpu_cores"] == "0.970")
        // sweep.json keeps it: the report rendered again later says the same.
        let read = try SweepWriter.read(folder: folder)
        #expect(read.points[0].clientCpuCores == 0.17 && read.points[0].clientDelayed)
        #expect(read.points[1].clientSaturated && !read.points[1].clientDelayed)

        let html = try String(
            contentsOf: SweepReportRenderer.render(folder: folder, summary: summary, language: .en), encoding: .utf8)
        expectContains(html, "<div class=\"reason client\">llmload was delayed: it used only 0.17 of a core")
        expectContains(html, "<div class=\"reason client\">llmload itself was saturated")
        #expect(html.components(separatedBy: "class=\"reason client\"").count - 1 == 2)
    }
}
