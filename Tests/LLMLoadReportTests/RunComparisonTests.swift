import Foundation
import LLMLoadCore
import LLMLoadMetrics
import Testing

@testable import LLMLoadReport

@Suite struct RunComparisonTests {
    /// A run read back from a fixture folder (100 requests, one in ten failing, 5 warm-up).
    static func fixtureRun() throws -> ComparedRun {
        let fixture = ReportFolderFixture()
        defer { fixture.remove() }
        _ = try fixture.write(count: 100, warmup: 5)
        return try ComparedRun.load(folder: fixture.url)
    }

    /// `run` with every TTFT and E2E (summary and samples) multiplied by `factor`.
    static func scaled(_ run: ComparedRun, by factor: Double) -> ComparedRun {
        var run = run
        for metric in [Metric.timeToFirstToken, .endToEndLatency] {
            run.samples[metric.id] = run.samples[metric.id]?.map { $0 * factor }
            guard var summary = run.summary.latency[metric] else { continue }
            for path in [\DistributionSummary.p50, \.p90, \.p99] { summary[keyPath: path] *= factor }
            run.summary.latency[metric] = summary
        }
        return run
    }

    @Test func readsTheMeasuredSuccessfulRowsOfEachMetric() throws {
        let run = try Self.fixtureRun()
        let ttft = try #require(run.samples["ttft_ms"])
        // Rows 5…99 are measured; one in ten (9, 19, …) failed: 95 − 10 = 85 values.
        #expect(ttft.count == 85)
        #expect(ttft.count == run.summary.latency[.timeToFirstToken]?.count)
        #expect(ttft == ttft.sorted())
        #expect(ttft.first == 105 && ttft.last == 198, "TTFT is 100 + index ms")
        // The CSV holds each request's mean gap, not every gap: no samples for inter-token latency.
        #expect(run.samples["itl_ms"] == nil)
    }

    @Test func aRunAgainstItselfShowsNoChangeAndNoDifference() throws {
        let run = try Self.fixtureRun()
        let comparison = RunComparison(runs: [run, run])
        #expect(comparison.differences.isEmpty)
        let ttft = try #require(comparison.figure("ttft.p50"))
        let change = try #require(ttft.changes[1])
        #expect(ttft.changes[0] == nil)
        #expect(change.absolute == 0 && change.relative == 0)
        #expect(try #require(change.interval).absoluteInterval.contains(0))
        #expect(try #require(comparison.figure("itl.p50")).changes[1]?.interval == nil)
        // Every name --fail-if-worse takes is a figure a comparison makes (before empty ones go).
        let keys = Set(RunComparison.figures([run, run], bootstrap: .init()).map(\.key))
        #expect(Set(RunComparison.gateableKeys).isSubset(of: keys))
        // Without requests.csv values, a metric summary.json lacks (the fixture's TPOT) has no row.
        var bare = run
        bare.samples = [:]
        #expect(comparison.figure("tpot.p50")?.values == [150, 150], "from requests.csv")
        #expect(RunComparison(runs: [bare, bare]).figure("tpot.p50") == nil, "no row of dashes")
    }

    @Test func aSlowerRunShowsItsChangeWithAnIntervalAboveZero() throws {
        let a = try Self.fixtureRun()
        var b = Self.scaled(a, by: 1.1)
        b.summary.runDescription.target.model = "other-model"
        b.summary.runDescription.requests.maxTokens = 64
        let comparison = RunComparison(runs: [a, b])
        #expect(comparison.differences.map(\.key) == ["model", "max_tokens"])
        #expect(comparison.differences[0].values == [a.summary.runDescription.target.model, "other-model"])
        let change = try #require(comparison.figure("ttft.p50")?.changes[1])
        #expect(abs(try #require(change.relative) - 0.1) < 1e-9)
        let relative = try #require(change.interval?.relativeInterval)
        #expect(relative.lower > 0 && relative.contains(0.1), "\(relative)")
    }

    @Test func theConsoleListsDifferencesFirstThenEveryFigure() throws {
        let a = try Self.fixtureRun()
        var b = Self.scaled(a, by: 1.1)
        b.summary.runDescription.tool.version = "9.9.9"
        let text = ComparisonConsole.render(RunComparison(runs: [a, b]))
        let differs = try #require(text.range(of: "What differs"))
        let figures = try #require(text.range(of: "B−A 95 % CI"))
        #expect(differs.upperBound < figures.lowerBound)
        #expect(text.contains("\n  llmload version\n    A  "), "\(text)")
        let ttft = try #require(text.split(separator: "\n").first { $0.hasPrefix("ttft.p50 ") })
        #expect(ttft.contains("+10.0 %"), "\(ttft)")
        #expect(text.contains("error_rate"))
    }

    /// Every figure key names one figure: a count and a time of the same name (thinking tokens,
    /// thinking ms) must not share a key, or a bound on one would read the other.
    @Test func everyFigureKeyIsUnique() {
        let names = MetricCatalogue.all.map(\.shortName)
        #expect(Set(names).count == names.count, "\(names)")
        let keys = RunComparison.percentileMetrics.flatMap(RunComparison.percentileKeys)
        #expect(Set(keys).count == keys.count)
    }

    @Test func changesCarryTheirSignAndNoChangeHasNone() {
        #expect(FigureText.signed(20.016, 2) == "+20.02")
        #expect(FigureText.signed(-3.1, 2) == "-3.10")
        #expect(FigureText.signed(-0.0004, 2) == "0.00")
        #expect(FigureText.signed(0, 0) == "0")
        #expect(FigureText.signed(nil, 1) == FigureText.dash)
        #expect(FigureText.signedPercent(0.1) == "+10.0 %")
        #expect(FigureText.signedPercent(-0.0002) == "0.0 %")
    }

    @Test func aNewerSchemaIsRefusedWithItsVersion() throws {
        let fixture = ReportFolderFixture()
        defer { fixture.remove() }
        _ = try fixture.write(count: 10)
        let url = fixture.url.appendingPathComponent("summary.json")
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        object["schema_version"] = 99
        try JSONSerialization.data(withJSONObject: object).write(to: url)
        #expect {
            try ComparedRun.load(folder: fixture.url)
        } throws: { error in
            guard case ReportError.unsupportedSchema(_, let found, _) = error else { return false }
            return found == 99
        }
    }
}
