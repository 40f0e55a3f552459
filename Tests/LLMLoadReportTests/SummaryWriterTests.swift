import Foundation
import LLMLoadCore
import LLMLoadMetrics
import LLMLoadReport
import Testing

@Suite struct SummaryWriterTests {
    static let distribution = DistributionSummary(
        count: 3, mean: 2, std: 0.8, min: 1, p50: 2, p90: 3, p95: 3, p99: 3, p99_9: 3, max: 3
    )

    /// The run's description as a plain constant run would have it.
    static let runDescription = RunDescription(
        tool: .init(version: "0.1.0"), commandLine: ["llmload", "run"],
        target: .init(
            url: "http://127.0.0.1:11434", api: "ollama-generate", model: "deepseek-r1:1.5b", simulated: false),
        load: .init(pattern: "constant@20.00", ratePerS: 20, durationS: 10, drainTimeoutS: 30),
        requests: .init(stream: true, timeoutS: 300), output: .init(folder: "/tmp/run"),
        host: HostFacts(
            hostname: "box", os: "Debian GNU/Linux 12", kernel: "Linux 6.1 x86_64", cpuModel: "AMD EPYC",
            cpuCount: 2, memoryBytes: 1 << 34)
    )

    static let summary = RunSummary(
        runDescription: runDescription,
        run: .init(
            startedAt: "2026-11-29T15:00:00Z", endedAt: "2026-11-29T15:00:10Z", interrupted: false,
            stopReason: "duration_reached", windowS: 10.7, drainCancelledInFlight: false
        ),
        requests: .init(
            total: 3, sent: 3, byOutcome: ["ok": 3], byHttpStatus: ["200": 3], finishReasons: ["stop": 3],
            successRate: 1, errorRate: 0, timeoutRate: 0, cancelledRate: 0
        ),
        throughput: .init(requestsPerS: 0.28, sentPerS: 20, outputTokensPerS: 14, totalTokensPerS: 20),
        tokens: .init(outputTotal: 150, promptTotal: 60, outputSource: "server", promptSource: "server"),
        latency: .init(
            population: "successful requests (outcome ok)",
            summaries: ["ttft_ms": distribution, "e2e_ms": distribution]),
        errors: [],
        errorsNotListed: 0
    )

    @Test func usesSnakeCaseKeysWithUnits() throws {
        let text = String(decoding: try SummaryWriter.encode(Self.summary), as: UTF8.self)
        for key in [
            "\"schema_version\" : 2", "\"ttft_ms\"", "\"e2e_ms\"", "\"p99_9\"", "\"rate_per_s\"", "\"run_description\"",
            "\"output_tokens_per_s\"", "\"by_http_status\"", "\"window_s\"",
        ] {
            #expect(text.contains(key), "missing \(key)")
        }
        #expect(!text.contains("\"itl_ms\""), "an empty distribution is absent, not zeros")
    }

    @Test func roundTrips() throws {
        let decoded = try SummaryWriter.decode(try SummaryWriter.encode(Self.summary))
        #expect(decoded == Self.summary)
    }

    @Test func neverFailsOnANonFiniteNumber() throws {
        var summary = Self.summary
        summary.throughput.requestsPerS = .nan
        let text = String(decoding: try SummaryWriter.encode(summary), as: UTF8.self)
        #expect(text.contains("\"requests_per_s\" : \"NaN\""))
    }
}

@Suite struct ConsoleSummaryTests {
    @Test func showsTheSameFiguresAsTheSummary() {
        let text = ConsoleSummary.render(SummaryWriterTests.summary, folder: "/tmp/run")
        #expect(text.contains("constant@20.00 for 10.0 s"))
        #expect(text.contains("success 100.0 %"))
        #expect(text.contains("TTFT ms"))
        #expect(text.contains("Results in /tmp/run"))
        #expect(!text.contains("Warning"))
    }

    @Test func everyLatencyRowShowsTheSummarysFigures() throws {
        var summary = SummaryWriterTests.summary
        summary.latency[.interTokenLatency] = DistributionSummary(
            count: 41, mean: 10.123, std: 1, min: 8, p50: 10.004, p90: 11.25, p95: 11.5, p99: 12.346, p99_9: 13,
            max: 14.5)
        let text = ConsoleSummary.render(summary, folder: nil)
        let row = try #require(text.split(separator: "\n").first { $0.hasPrefix("ITL ms") })
        let cells = row.split(separator: " ").dropFirst(2).map(String.init)
        #expect(cells == ["41", "10.12", "10.00", "11.25", "12.35", "14.50"], "count, mean, p50, p90, p99, max")
        let ttft = try #require(text.split(separator: "\n").first { $0.hasPrefix("TTFT ms") })
        #expect(
            ttft.split(separator: " ").dropFirst(2).map(String.init) == ["3", "2.00", "2.00", "3.00", "3.00", "3.00"])
        let tpot = try #require(text.split(separator: "\n").first { $0.hasPrefix("TPOT ms") })
        #expect(tpot.contains("–"), "an absent distribution shows dashes, not zeros")
    }

    @Test func warnsWhenTheClientFellBehindOrCountsAreEstimated() {
        var summary = SummaryWriterTests.summary
        summary.latency[.scheduleLag] = SummaryWriterTests.distribution.with(p99: 25)
        summary.tokens.outputSource = "estimated"
        let warnings = ConsoleSummary.warnings(summary)
        #expect(warnings.count == 2)
        #expect(warnings[0].hasPrefix("the client fell behind its schedule (lag P99 25.0 ms)"))
    }
}

extension DistributionSummary {
    fileprivate func with(p99: Double) -> Self {
        var copy = self
        copy.p99 = p99
        return copy
    }
}
