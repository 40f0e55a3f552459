import Foundation
import LLMLoadCore
import LLMLoadMetrics
import Testing

@testable import LLMLoadReport

/// A folder written by llmload before the run description existed (`schema_version` 1: a
/// `--simulate --qps 5 --duration 1` run, its files as written, less `report.html` and
/// `responses.txt`) still renders, and says so clearly when it cannot.
@Suite struct SchemaVersion1Tests {
    /// `Tests/Fixtures/report-schema-1` of this checkout: outside the test target, whose
    /// manifest declares no resources.
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/report-schema-1")

    private func json(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: Self.folder.appendingPathComponent(name))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    private func read() throws -> RunSummary {
        try SummaryWriter.decode(
            Data(contentsOf: Self.folder.appendingPathComponent("summary.json")),
            configuration: Data(contentsOf: Self.folder.appendingPathComponent("config.json")))
    }

    @Test func theFixtureIsSchema1() throws {
        #expect(try json("summary.json")["schema_version"] as? Int == 1)
        #expect(try json("config.json")["schema_version"] == nil)
    }

    @Test func itsSettingsComeFromItsConfigAndAgreeWithItsOldSummary() throws {
        let summary = try read()
        let old = try json("summary.json")
        let oldTarget = try #require(old["target"] as? [String: Any])
        let oldLoad = try #require(old["load"] as? [String: Any])
        let d = summary.runDescription
        #expect(summary.schemaVersion == RunSummary.currentSchemaVersion)
        #expect(d.target.url == oldTarget["url"] as? String)
        #expect(d.target.api == oldTarget["api"] as? String && d.target.model == oldTarget["model"] as? String)
        #expect(d.target.serverVersion == oldTarget["server_version"] as? String)
        #expect(d.target.simulated && d.target.tlsVerified && !d.target.apiKeyGiven)
        #expect(d.load.pattern == oldLoad["pattern"] as? String)
        #expect(d.load.ratePerS == 5 && d.load.durationS == oldLoad["duration_s"] as? Double)
        #expect(d.load.offeredRatePerS == oldLoad["offered_rate_per_s"] as? Double, "derived, not stored")
        #expect(d.requests.stream == oldLoad["stream"] as? Bool)
        #expect(d.requests.timeoutS == oldLoad["timeout_s"] as? Double)
        #expect(d.tool == .init(name: "llmload", version: "0.1.0"))
        #expect(d.host.cpuCount == 2 && d.host.os == "Debian GNU/Linux 12 (bookworm)")
        #expect(d.output.folder.hasSuffix("20261201-110207-llmload-sim"))
        #expect(summary.requests.total == 5 && summary.requests.byOutcome["ok"] == 5)
        #expect(summary.latency[.timeToFirstToken]?.count == 5)
    }

    @Test func itRendersWithItsHostAndLoad() throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("llmload-schema1-\(UUID())")
        defer { try? FileManager.default.removeItem(at: copy) }
        try FileManager.default.copyItem(at: Self.folder, to: copy)
        let page = try String(contentsOf: ReportRenderer.render(folder: copy, language: .en), encoding: .utf8)
        expectContains(page, "constant@5.00")
        expectContains(page, "llmload-sim")
        expectContains(page, "Debian GNU/Linux 12 (bookworm) · AMD EPYC × 2")
    }

    @Test func withoutItsConfigItSaysWhatItNeeds() throws {
        let summary = try Data(contentsOf: Self.folder.appendingPathComponent("summary.json"))
        let error = try #require(throws: ReportError.self) { try SummaryWriter.decode(summary) }
        #expect(error.description.contains("schema_version 1"))
        #expect(error.description.contains("config.json"))
    }

    @Test func aNewerSchemaIsRefusedNamingTheOnesRead() throws {
        var newer = try json("summary.json")
        newer["schema_version"] = RunSummary.currentSchemaVersion + 1
        let data = try JSONSerialization.data(withJSONObject: newer)
        let error = try #require(throws: ReportError.self) { try SummaryWriter.decode(data) }
        #expect(error.description.contains("schema_version \(RunSummary.currentSchemaVersion + 1)"))
        #expect(error.description.contains("reads schemas 1 to \(RunSummary.currentSchemaVersion)"))
    }

    @Test func itsGoodputBoundsBecomeTheDescriptionsObjectives() throws {
        // The fixture ran without --slo: give its summary the goodput a `--slo ttft:500` run wrote.
        var old = try json("summary.json")
        old["goodput"] = ["ttft_ms": 500.0, "requests_meeting": 4, "share": 0.8, "rate_per_s": 4.0]
        let summary = try SummaryWriter.decode(
            JSONSerialization.data(withJSONObject: old),
            configuration: Data(contentsOf: Self.folder.appendingPathComponent("config.json")))
        #expect(summary.runDescription.objectives == RunDescription.Objectives(ttftMs: 500))
        #expect(summary.goodput == RunSummary.Goodput(requestsMeeting: 4, share: 0.8, ratePerS: 4))
        #expect(FigureText.bounds(summary.runDescription.objectives) == "TTFT ≤ 500 ms")
    }

    @Test func aRampsPeakBecomesItsOwnRates() throws {
        #expect(
            SchemaVersion1.ramp("ramp@10.00-500.00/60s")
                == ["start_rate_per_s": 10, "end_rate_per_s": 500, "ramp_s": 60])
        #expect(SchemaVersion1.ramp("ramp@1.50-3.00/0.5s")?["ramp_s"] == 0.5)
        #expect(SchemaVersion1.ramp("constant@5.00") == nil)
        let old: [String: Any] = [
            "tool": "llmload", "tool_version": "0.1.0", "output_folder": "/r", "label": "x",
            "load": ["pattern": "ramp@10.00-500.00/60s", "rate_per_s": 500.0],
            "input_calibration": ["method": "tokenize", "context_length": 4096],
        ]
        let new = SchemaVersion1.description(old)
        let load = new["load"] as? [String: Any]
        #expect(load?["rate_per_s"] == nil && load?["ramp"] != nil)
        #expect((new["output"] as? [String: String]) == ["folder": "/r", "label": "x"])
        let calibration = try #require(new["input_calibration"] as? [String: Any])
        #expect(calibration["context_length"] == nil && !calibration.isEmpty)
        #expect(new["tool_version"] == nil && new["label"] == nil && new["output_folder"] == nil)
    }
}
