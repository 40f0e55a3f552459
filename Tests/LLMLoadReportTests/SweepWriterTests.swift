import Foundation
import LLMLoadCore
import LLMLoadMetrics
import LLMLoadTestSupport
import Testing

@testable import LLMLoadReport

@Suite struct SweepWriterTests {
    @discardableResult
    func withFolder<R>(_ body: (URL) throws -> R) throws -> R {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("llmload-sweep-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        return try body(folder)
    }

    @Test(arguments: [SweepSummary.Mode.rates, .concurrencies, .findMaxRate])
    func sweepJSONReadsBackAsItWasWritten(mode: SweepSummary.Mode) throws {
        var summary = SweepFixture.summary(mode: mode)
        summary.interrupted = true
        let read = try withFolder { folder in
            try SweepWriter.write(summary, to: folder)
            return try SweepWriter.read(folder: folder)
        }
        #expect(read == summary)
    }

    @Test func sweepJSONIsSnakeCaseWithMetricIDsAsTheyAre() throws {
        let json = String(decoding: try SweepWriter.encode(SweepFixture.summary(mode: .findMaxRate)), as: UTF8.self)
        for key in [
            "\"schema_version\" : 1", "\"offered_rate_per_s\"", "\"kept_up_share\"", "\"gpu_memory_max_bytes\"",
            "\"ttft_ms\"", "\"decode_speed_tokens_per_s\"", "\"max_rate_per_s\"", "\"mode\" : \"find-max-rate\"",
        ] {
            #expect(json.contains(key), "\(key)")
        }
        #expect(!json.contains("ttftMs"))
    }

    @Test func aNewerSchemaIsRefusedSayingSo() throws {
        let data = try SweepWriter.encode(SweepFixture.summary())
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        object["schema_version"] = SweepSummary.currentSchemaVersion + 1
        let newer = try JSONSerialization.data(withJSONObject: object)
        let error = try #require(throws: ReportError.self) { try SweepWriter.decode(newer) }
        guard case .unsupportedSchema(let file, let found, _) = error else {
            Issue.record("\(error)")
            return
        }
        #expect(file == "sweep.json")
        #expect(found == 2)
        #expect(error.description.contains("use a newer llmload"))
    }

    @Test func aMissingSweepIsUnreadableNotACrash() throws {
        try withFolder { folder in
            #expect(throws: ReportError.self) { try SweepWriter.read(folder: folder) }
        }
    }

    @Test func csvHeaderTakesItsMetricsFromTheCatalogue() throws {
        var summary = SweepFixture.summary()
        // A catalogue metric one point has gets its columns, in the catalogue's order.
        summary.points[2].latency["schedule_lag_ms"] = .init(p50: 1, p90: 2, p99: 3)
        let header = try #require(SweepWriter.csv(summary).split(separator: "\n").first).split(separator: ",")
        let present = MetricCatalogue.all.map(\.id).filter { id in summary.points.contains { $0.latency[id] != nil } }
        #expect(present.count == 6)
        let metricColumns = present.flatMap { ["\($0)_p50", "\($0)_p90", "\($0)_p99"] }
        let expected =
            [
                "index", "folder", "offered_rate_per_s", "concurrency", "achieved_rate_per_s", "steady_rate_per_s",
                "kept_up_share", "requests", "succeeded", "error_rate", "output_tokens_per_s", "per_user_tokens_per_s",
                "goodput_share",
            ] + metricColumns + [
                "cpu_max_percent", "gpu_utilization_max_percent", "gpu_memory_max_bytes", "client_saturated",
                "client_cpu_cores", "client_delayed", "stop_reason", "passed",
                "failed_because",
            ]
        #expect(header.map(String.init) == expected)
        #expect(!header.contains("time_to_first_answer_token_ms_p50"))
    }

    @Test func csvRowHoldsThePointsFigures() throws {
        let rows = try withFolder { folder in
            try SweepWriter.write(SweepFixture.summary(), to: folder)
            return try CSVRows.read(folder.appendingPathComponent("sweep.csv"))
        }
        #expect(rows.map { $0["index"] } == ["0", "1", "2", "3", "4"])
        let row = rows[3]
        let expected: [String: String] = [
            "folder": "point-3", "offered_rate_per_s": "8.000", "concurrency": "", "achieved_rate_per_s": "4.200",
            "steady_rate_per_s": "4.242", "kept_up_share": "0.530", "requests": "480", "succeeded": "420",
            "error_rate": "0.125", "output_tokens_per_s": "504.000", "per_user_tokens_per_s": "50.000",
            "goodput_share": "0.600", "ttft_ms_p50": "800.000", "ttft_ms_p90": "1200.000", "ttft_ms_p99": "1600.000",
            "e2e_ms_p99": "3100.000", "itl_ms_p50": "18.000", "cpu_max_percent": "28.000",
            "gpu_utilization_max_percent": "100.000", "gpu_memory_max_bytes": "10737418240",
            "client_saturated": "false", "client_cpu_cores": "0.400", "client_delayed": "false", "stop_reason": "",
            "passed": "false", "failed_because": "error rate 12.5 % over 10.0 %",
        ]
        for (column, value) in expected {
            #expect(row[column] == value, "\(column)")
        }
        #expect(rows[0]["passed"] == "true")
        #expect(rows[4]["stop_reason"] == "error rate over 10.0 %")
    }

    @Test func csvKeepsAFolderWithCommasOneFieldAndNoFormula() throws {
        var summary = SweepFixture.summary()
        summary.points[0].folder = "=sum,\"x\""
        let rows = try withFolder { folder in
            try SweepWriter.write(summary, to: folder)
            return try CSVRows.read(folder.appendingPathComponent("sweep.csv"))
        }
        #expect(rows[0]["folder"] == "'=sum,\"x\"")
        #expect(rows[0]["index"] == "0")
    }
}
