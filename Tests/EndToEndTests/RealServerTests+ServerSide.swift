import Foundation
import LLMLoadCore
import LLMLoadMetrics
import LLMLoadRunner
import Logging
import Testing

extension RealServerTests {
    /// More users than llama-server's 4 slots, prompts sharing a long prefix: its `/metrics`
    /// (started with `--metrics`) show requests running and deferred, the report charts them,
    /// and each request's `cache_n` shows the shared prefix served from the cache.
    @Test func theServersOwnMetricsAndCacheAreInEveryOutput() async throws {
        var requests = RunConfiguration.Requests()
        requests.maxOutputTokens = 24
        requests.prompts = .synthetic(.init(length: .fixed(300), sharedPrefixTokens: 200))
        let load = RunConfiguration.Load(
            profile: .closedLoop(users: 6, thinkTime: .zero), duration: .seconds(6), drainTimeout: .seconds(60))
        var configuration = RunConfiguration(
            target: .init(baseURL: try #require(RealServer.url), api: .openAIChat, model: "smollm2"), load: load,
            requests: requests, output: .init(directory: Self.output.path, label: "server-side"))
        configuration.monitor = .init(sampleInterval: .milliseconds(250), gpus: .none)
        var logger = Logger(label: "e2e")
        logger.logLevel = .critical
        let result = try await LoadRun(configuration: configuration, logger: logger).run()
        let summary = result.summary

        let metrics = try #require(summary.serverMetrics)
        #expect(metrics.server == "llama.cpp")
        #expect(metrics.url.hasSuffix("/metrics"))
        #expect(metrics.failedScrapes == 0, "\(metrics.failure ?? "")")
        #expect(metrics.scrapes >= 10, "6 s at 250 ms")
        let running = metrics.samples.compactMap(\.requestsRunning)
        let waiting = metrics.samples.compactMap(\.requestsWaiting)
        #expect(running.count == metrics.scrapes && waiting.count == metrics.scrapes)
        #expect(running.max() == 4, "six users on four slots: all four busy at some scrape, never more")
        #expect(waiting.contains { $0 > 0 }, "two users wait for a slot: llama.cpp defers them")
        #expect(metrics.found.contains("generation_tokens_per_s"))
        #expect((metrics.counterGrowth["generation_tokens"] ?? 0) > 0)
        // This llama.cpp's /metrics has no KV-cache figure; its prefix cache shows in counters.
        #expect(metrics.prefixCacheHitPercent.map { $0 > 0 } == true, "\(metrics.counterGrowth)")

        let rows = try RealServer.rows(result.folder)
        #expect(rows.contains { ($0.number("cached_prompt_tokens") ?? 0) > 0 })
        let hitRate = try #require(summary.tokens.promptCacheHitRate)
        #expect(hitRate > 0 && hitRate < 1)

        // The server's own timings as distributions, beside the client's.
        #expect(summary.latency[.serverDecodeSpeed].map { $0.count > 0 } == true)
        #expect(summary.latency[.clientOverhead].map { $0.count > 0 } == true)

        let files = result.folder
        let jsonl = try String(contentsOf: files.appendingPathComponent("server_metrics.jsonl"), encoding: .utf8)
        #expect(jsonl.split(separator: "\n").count == metrics.scrapes)
        #expect(jsonl.contains("\"llamacpp:requests_deferred\""))
        let header =
            try String(contentsOf: files.appendingPathComponent("timeseries.csv"), encoding: .utf8)
            .split(separator: "\n").first ?? ""
        #expect(header.contains(",server_requests_running,server_requests_waiting,"))
        let report = try String(contentsOf: files.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(report.contains("\"requestsRunning\":[") && report.contains("\"prefixCacheHitPercent\":["))
    }
}
