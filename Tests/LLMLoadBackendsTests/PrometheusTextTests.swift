import Foundation
import LLMLoadBackends
import LLMLoadCore
import Testing

/// The Prometheus text parser on llama.cpp's real `/metrics` capture and on a page written
/// after vLLM's, and the curated figures read from them.
@Suite struct PrometheusTextTests {
    private func page(_ name: String) throws -> PrometheusText {
        PrometheusText(String(decoding: try Fixture.bytes(name), as: UTF8.self))
    }

    @Test func readsEveryLineOfLlamaCppsCapture() throws {
        let page = try page("llamacpp-metrics.txt")
        #expect(page.samples.count == 15)
        #expect(page.skippedLines == 0)
        #expect(page.types["llamacpp:prompt_tokens_total"] == .counter)
        #expect(page.types["llamacpp:requests_processing"] == .gauge)
        #expect(page.help["llamacpp:requests_deferred"] == "Number of requests deferred")
        #expect(page.samples.first { $0.name == "llamacpp:prompt_seconds_total" }?.value == 0.192032)
        #expect(page.samples.first { $0.name == "llamacpp:n_busy_slots_per_decode" }?.value == 2.82353)
        #expect(ServerMetricNames.server(of: page) == "llama.cpp")
    }

    @Test func curatesLlamaCppsGaugesAndCounters() throws {
        let page = try page("llamacpp-metrics.txt")
        #expect(ServerMetricNames.gaugeValues(in: page) == ["requests_running": 0, "requests_waiting": 0])
        #expect(
            ServerMetricNames.counterValues(in: page) == [
                "prompt_tokens": 12, "prompt_tokens_cached": 0, "generation_tokens": 48,
            ])
    }

    @Test func readsHistogramsInfinityNaNEscapesAndTimestamps() throws {
        let page = try page("vllm-metrics-written.txt")
        // `# EOF` is an OpenMetrics comment: allowed, neither a sample nor skipped.
        #expect(page.skippedLines == 0)
        #expect(page.type(ofSample: "vllm:time_to_first_token_seconds_bucket") == .histogram)
        #expect(page.type(ofSample: "vllm:prompt_tokens_total") == .counter)
        let inf = try #require(page.samples.first { $0.label("le") == "+Inf" })
        #expect(inf.value == 40 && inf.labels.map(\.name) == ["engine", "le", "model_name"])
        #expect(page.samples.first { $0.name == "vllm:spec_decode_efficiency" }?.value.isNaN == true)
        #expect(page.help["vllm:spec_decode_efficiency"]?.contains("efficiency.\nNot measured") == true)
        let info = try #require(page.samples.first { $0.name == "vllm:cache_config_info" })
        #expect(info.label("prefix") == "say \"hi\"\\n")
        #expect(info.label("note") == "a\nb")
        #expect(page.samples.last?.name == "python_gc_objects_collected_total")
        #expect(page.samples.last?.value == 1234)
        #expect(ServerMetricNames.server(of: page) == "vllm")
    }

    @Test func curatesVLLMAndTurnsCountersIntoRates() throws {
        let first = try page("vllm-metrics-written.txt")
        var reader = ServerMetricsReader()
        let a = reader.read(first, atSeconds: 1)
        #expect(a.requestsRunning == 3 && a.requestsWaiting == 7)
        #expect(a.kvCacheUsagePercent == 42.75)
        #expect(a.promptTokensPerS == nil, "the first scrape has no span to make a rate over")
        // Half a second later: 1,000 more prompt tokens, 600 of them cached; 256 generated.
        let later = String(decoding: try Fixture.bytes("vllm-metrics-written.txt"), as: UTF8.self)
            .replacingOccurrences(of: "} 12800.0", with: "} 13800.0")
            .replacingOccurrences(
                of: "hits_total{engine=\"0\",model_name=\"Qwen/Qwen3-0.6B\"} 9600.0",
                with: "hits_total{engine=\"0\",model_name=\"Qwen/Qwen3-0.6B\"} 10200.0"
            )
            .replacingOccurrences(of: "} 4096.0", with: "} 4352.0")
        let b = reader.read(PrometheusText(later), atSeconds: 1.5)
        #expect(b.promptTokensPerS == 2000)
        #expect(b.generationTokensPerS == 512)
        #expect(b.prefixCacheHitPercent == 60)
        #expect(b.preemptions == 0)
        #expect(reader.lastCounters["prefix_cache_hits"] == 10200)
    }

    /// llama.cpp adds a request's tokens when it ends: rates are taken over at least a second,
    /// so scrapes every 250 ms do not alternate between nothing and bursts.
    @Test func ratesSpanAtLeastASecond() {
        var reader = ServerMetricsReader()
        let predicted: [(Double, Int)] = [
            (0, 0), (0.25, 0), (0.5, 100), (0.75, 100), (1, 100), (1.25, 100), (1.5, 100),
        ]
        let rates = predicted.map { tS, total in
            reader.read(PrometheusText("llamacpp:tokens_predicted_total \(total)\n"), atSeconds: tS)
                .generationTokensPerS
        }
        #expect(rates == [nil, 0, 200, 100 / 0.75, 100, 100, 0])
    }

    @Test(arguments: [
        "", "\n\n", "{", "name{", "name{a=\"x} 1", "name{a=x} 1", "name 1 2 3", "name NaNx", "name{=\"v\"} 1",
        "1name 1", "name{a=\"\\", "# TYPE", "# TYPE x", "# TYPE x nonsense", "name{a=\"v\",,} 1", "name 0x1p3",
        "name infinity", "\u{0}\u{FF}", "name{a=\"\u{10FFFF}\"} 1e400",
    ])
    func malformedLinesAreSkippedNeverTrapped(line: String) {
        let page = PrometheusText(line + "\nok_metric 1\n")
        #expect(page.samples.last == PrometheusText.Sample(name: "ok_metric", value: 1))
        #expect(page.samples.allSatisfy { $0.name != "name" || $0.value.isInfinite })
    }
}
