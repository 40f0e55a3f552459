/// The few figures of a server's `/metrics` that llmload summarises and charts, matched by a
/// table of known names per server (names change between versions, so each figure has
/// several). Every other metric is kept only in `server_metrics.jsonl`.
///
/// Gauges are read as they are (percentages scaled to 0–100); counters are kept as totals so
/// the scraper can turn two scrapes into a rate.
public enum ServerMetricNames {
    /// A curated gauge: its id in summary.json and timeseries.csv, the names it is found
    /// under, and how several label sets (one per model or engine) combine.
    public struct Gauge: Sendable {
        public var id: String
        public var names: [String]
        /// Multiplies the server's value (a 0–1 ratio becomes a percentage).
        public var scale: Double
        /// Percentages are averaged over label sets; counts are summed.
        public var isAveraged: Bool
    }

    /// The gauges, in the order outputs list them.
    public static let gauges: [Gauge] = [
        Gauge(
            id: "requests_running",
            names: [
                "vllm:num_requests_running", "llamacpp:requests_processing", "sglang:num_running_reqs",
                "tgi_batch_current_size",
            ], scale: 1, isAveraged: false),
        Gauge(
            id: "requests_waiting",
            names: [
                "vllm:num_requests_waiting", "llamacpp:requests_deferred", "sglang:num_queue_reqs", "tgi_queue_size",
            ], scale: 1, isAveraged: false),
        Gauge(
            id: "kv_cache_usage_percent",
            names: [
                "vllm:kv_cache_usage_perc", "vllm:gpu_cache_usage_perc", "llamacpp:kv_cache_usage_ratio",
                "sglang:token_usage",
            ], scale: 100, isAveraged: true),
        // SGLang reports its prefix-cache hit rate itself; for the others it comes from counters.
        Gauge(id: "prefix_cache_hit_percent", names: ["sglang:cache_hit_rate"], scale: 100, isAveraged: true),
    ]

    /// Counters, by the id of their total: each is turned into a per-interval figure.
    public static let counters: [(id: String, names: [String])] = [
        ("prompt_tokens", ["vllm:prompt_tokens_total", "llamacpp:prompt_tokens_total", "sglang:prompt_tokens_total"]),
        (
            "generation_tokens",
            ["vllm:generation_tokens_total", "llamacpp:tokens_predicted_total", "sglang:generation_tokens_total"]
        ),
        ("preemptions", ["vllm:num_preemptions_total"]),
        ("prefix_cache_hits", ["vllm:prefix_cache_hits_total", "vllm:gpu_prefix_cache_hits_total"]),
        ("prefix_cache_queries", ["vllm:prefix_cache_queries_total", "vllm:gpu_prefix_cache_queries_total"]),
        // llama.cpp counts cached prompt tokens apart from the processed ones.
        ("prompt_tokens_cached", ["llamacpp:prompt_tokens_cached_total"]),
    ]

    /// Which server wrote a page, from its metric names' prefixes; `nil` when none is known.
    public static func server(of page: PrometheusText) -> String? {
        let prefixes = [("vllm:", "vllm"), ("llamacpp:", "llama.cpp"), ("sglang:", "sglang"), ("tgi_", "tgi")]
        for (prefix, server) in prefixes where page.samples.contains(where: { $0.name.hasPrefix(prefix) }) {
            return server
        }
        return nil
    }

    /// The curated gauges a page has, by id; a gauge no sample had (or only non-finite ones)
    /// is absent.
    public static func gaugeValues(in page: PrometheusText) -> [String: Double] {
        var values: [String: Double] = [:]
        for gauge in gauges {
            guard let name = gauge.names.first(where: { name in page.samples.contains { $0.name == name } }) else {
                continue
            }
            let read = page.samples.filter { $0.name == name && $0.value.isFinite }.map(\.value)
            guard !read.isEmpty else { continue }
            let sum = read.reduce(0, +)
            values[gauge.id] = (gauge.isAveraged ? sum / Double(read.count) : sum) * gauge.scale
        }
        return values
    }

    /// The curated counters' totals a page has, by id (summed over label sets).
    public static func counterValues(in page: PrometheusText) -> [String: Double] {
        var values: [String: Double] = [:]
        for (id, names) in counters {
            guard let name = names.first(where: { name in page.samples.contains { $0.name == name } }) else {
                continue
            }
            let read = page.samples.filter { $0.name == name && $0.value.isFinite }.map(\.value)
            if !read.isEmpty { values[id] = read.reduce(0, +) }
        }
        return values
    }
}
