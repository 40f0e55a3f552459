import Foundation
import Hummingbird

/// `GET /metrics` in vLLM's names (Prometheus text format), beside the OpenAI API: the
/// simulator's own running and waiting requests, a KV-cache use (running over slots) and token
/// counters. Each scrape is recorded with the figures it served (``SimulatedMetricsScrape``),
/// so tests compare what the tool scraped with what the simulator said, exactly.
struct MetricsRoute: Sendable {
    let simulator: SimulatorState

    func register(on router: Router<BasicRequestContext>) {
        let configuration = simulator.configuration
        guard configuration.servesServerState, configuration.servesOpenAI else { return }
        let model = configuration.modelName.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "\"", with: "\\\"")
        let labels = "{model_name=\"\(model)\"}"
        router.get("/metrics") { _, _ in
            let (running, waiting) = (simulator.busySlots, simulator.waitingRequests)
            let tokens = simulator.tokensServed
            let usage = configuration.maximumConcurrency.map { Double(running) / Double(max(1, $0)) } ?? 0
            simulator.metricsObserver?(
                SimulatedMetricsScrape(servedAt: .now, running: running, waiting: waiting))
            let page = """
                # HELP vllm:num_requests_running Number of requests in model execution batches.
                # TYPE vllm:num_requests_running gauge
                vllm:num_requests_running\(labels) \(running).0
                # HELP vllm:num_requests_waiting Number of requests waiting to be processed.
                # TYPE vllm:num_requests_waiting gauge
                vllm:num_requests_waiting\(labels) \(waiting).0
                # HELP vllm:kv_cache_usage_perc KV-cache usage. 1 means 100 percent usage.
                # TYPE vllm:kv_cache_usage_perc gauge
                vllm:kv_cache_usage_perc\(labels) \(usage)
                # HELP vllm:prompt_tokens_total Number of prefill tokens processed.
                # TYPE vllm:prompt_tokens_total counter
                vllm:prompt_tokens_total\(labels) \(tokens.prompt).0
                # HELP vllm:generation_tokens_total Number of generation tokens processed.
                # TYPE vllm:generation_tokens_total counter
                vllm:generation_tokens_total\(labels) \(tokens.generated).0

                """
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: page)))
        }
    }
}

/// What the simulator's `/metrics` said at one scrape, and when: the ground truth of the
/// scraped series.
public struct SimulatedMetricsScrape: Sendable, Equatable {
    /// Just before the page was handed to Hummingbird.
    public var servedAt: ContinuousClock.Instant
    public var running: Int
    public var waiting: Int
}
