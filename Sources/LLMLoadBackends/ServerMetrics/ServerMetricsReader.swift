import LLMLoadCore

/// Turns successive scrapes of one server into ``ServerMetricsSample``s: gauges as read,
/// counters as rates over at least ``rateSpanS`` (from the latest scrape that long ago, else the
/// first). Servers bump their counters when a request ends (llama.cpp, the simulator), so rates
/// between two scrapes 250 ms apart alternate between zero and bursts. A value type the
/// scraper owns.
public struct ServerMetricsReader: Sendable {
    /// Which server the names came from (`vllm`, `llama.cpp`, `sglang`, `tgi`, `ollama`).
    public private(set) var server: String?
    /// The curated counters' totals at the first and at the last successful scrape.
    public private(set) var firstCounters: [String: Double] = [:]
    public private(set) var lastCounters: [String: Double] = [:]
    /// The scrapes a rate may start from: the latest one at least ``rateSpanS`` old, and those after it.
    private var history: [(counters: [String: Double], tS: Double)] = []

    /// The shortest span a rate covers, in seconds.
    public static let rateSpanS = 1.0

    public init() {}

    /// One `/metrics` page read at `tS` seconds from the run's origin.
    public mutating func read(_ page: PrometheusText, atSeconds tS: Double) -> ServerMetricsSample {
        server = server ?? ServerMetricNames.server(of: page)
        var sample = ServerMetricsSample(tS: tS)
        for (id, value) in ServerMetricNames.gaugeValues(in: page) {
            if let figure = ServerMetricsSample.Figure(rawValue: id) { sample[figure] = value }
        }
        let counters = ServerMetricNames.counterValues(in: page)
        if let base = history.last(where: { $0.tS <= tS - Self.rateSpanS }) ?? history.first, tS > base.tS {
            addRates(to: &sample, from: base.counters, to: counters, seconds: tS - base.tS)
        }
        if history.isEmpty { firstCounters = counters }
        lastCounters = counters
        history.append((counters, tS))
        // Keep one scrape at least the span old: the base of the next rate.
        if let keep = history.lastIndex(where: { $0.tS <= tS - Self.rateSpanS }), keep > 0 {
            history.removeFirst(keep)
        }
        return sample
    }

    /// One `GET /api/ps` answer read at `tS`: the models Ollama holds, and `model`'s size.
    public mutating func read(
        ollama models: [OllamaRunningModel], model: String, atSeconds tS: Double
    ) -> ServerMetricsSample {
        server = "ollama"
        var sample = ServerMetricsSample(tS: tS)
        sample.modelsLoaded = Double(models.count)
        // Not loaded is a size of zero here: the chart shows the model leaving memory.
        let mine = models.first { $0.isModel(model) }
        sample.modelSizeBytes = Double(mine?.sizeBytes ?? 0)
        sample.modelVramBytes = Double(mine?.vramBytes ?? 0)
        return sample
    }

    /// How much a counter grew between two totals; `nil` when either lacks it or it went
    /// back (the server restarted).
    public static func growth(_ id: String, from old: [String: Double], to new: [String: Double]) -> Double? {
        guard let before = old[id], let after = new[id], after >= before else { return nil }
        return after - before
    }

    private func addRates(
        to sample: inout ServerMetricsSample, from old: [String: Double], to new: [String: Double], seconds: Double
    ) {
        let growth = { (id: String) in Self.growth(id, from: old, to: new) }
        sample.promptTokensPerS = growth("prompt_tokens").map { $0 / seconds }
        sample.generationTokensPerS = growth("generation_tokens").map { $0 / seconds }
        sample.preemptions = growth("preemptions")
        if sample.prefixCacheHitPercent == nil {
            sample.prefixCacheHitPercent = Self.hitPercent(growth: growth)
        }
    }

    /// Prompt tokens served from the prefix cache, in percent of those looked up: vLLM's
    /// hits over queries, or llama.cpp's cached tokens over cached plus processed ones.
    /// `nil` when no prompt token was looked up.
    public static func hitPercent(growth: (String) -> Double?) -> Double? {
        if let hits = growth("prefix_cache_hits"), let queries = growth("prefix_cache_queries") {
            return queries > 0 ? 100 * hits / queries : nil
        }
        if let cached = growth("prompt_tokens_cached"), let processed = growth("prompt_tokens") {
            return cached + processed > 0 ? 100 * cached / (cached + processed) : nil
        }
        return nil
    }
}
