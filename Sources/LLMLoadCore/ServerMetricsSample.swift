/// One scrape of the server's own metrics, reduced to the curated figures llmload charts
/// (every metric of the scrape is kept raw in `server_metrics.jsonl`).
///
/// A figure the server does not report is absent, never zero. Rates and the hit percentage
/// cover the span since the latest scrape at least a second earlier (the first scrape until
/// there is one), so the first scrape has none.
public struct ServerMetricsSample: Sendable, Codable, Equatable {
    /// Seconds from the run's origin to the middle of the scrape (request sent, answer read).
    public var tS: Double
    /// `true` when `tS` lies in the warm-up.
    public var isWarmup = false
    public var requestsRunning: Double?
    public var requestsWaiting: Double?
    /// KV-cache use, 0–100.
    public var kvCacheUsagePercent: Double?
    /// Prompt tokens served from the prefix cache, 0–100, over the span since the last scrape.
    public var prefixCacheHitPercent: Double?
    public var promptTokensPerS: Double?
    public var generationTokensPerS: Double?
    /// Requests preempted since the last scrape.
    public var preemptions: Double?
    /// Ollama: models in memory, and the run's model's size in memory and in GPU memory.
    public var modelsLoaded: Double?
    public var modelSizeBytes: Double?
    public var modelVramBytes: Double?

    public init(tS: Double) {
        self.tS = tS
    }

    /// One curated figure: its id (summary.json's key, timeseries.csv's column after
    /// `server_`) and where a sample keeps it.
    public enum Figure: String, CaseIterable, Sendable {
        case requestsRunning = "requests_running"
        case requestsWaiting = "requests_waiting"
        case kvCacheUsagePercent = "kv_cache_usage_percent"
        case prefixCacheHitPercent = "prefix_cache_hit_percent"
        case promptTokensPerS = "prompt_tokens_per_s"
        case generationTokensPerS = "generation_tokens_per_s"
        case preemptions = "preemptions"
        case modelsLoaded = "models_loaded"
        case modelSizeBytes = "model_size_bytes"
        case modelVramBytes = "model_vram_bytes"
    }

    /// The value of `figure`, if the sample has it.
    public subscript(figure: Figure) -> Double? {
        get {
            switch figure {
            case .requestsRunning: requestsRunning
            case .requestsWaiting: requestsWaiting
            case .kvCacheUsagePercent: kvCacheUsagePercent
            case .prefixCacheHitPercent: prefixCacheHitPercent
            case .promptTokensPerS: promptTokensPerS
            case .generationTokensPerS: generationTokensPerS
            case .preemptions: preemptions
            case .modelsLoaded: modelsLoaded
            case .modelSizeBytes: modelSizeBytes
            case .modelVramBytes: modelVramBytes
            }
        }
        set {
            switch figure {
            case .requestsRunning: requestsRunning = newValue
            case .requestsWaiting: requestsWaiting = newValue
            case .kvCacheUsagePercent: kvCacheUsagePercent = newValue
            case .prefixCacheHitPercent: prefixCacheHitPercent = newValue
            case .promptTokensPerS: promptTokensPerS = newValue
            case .generationTokensPerS: generationTokensPerS = newValue
            case .preemptions: preemptions = newValue
            case .modelsLoaded: modelsLoaded = newValue
            case .modelSizeBytes: modelSizeBytes = newValue
            case .modelVramBytes: modelVramBytes = newValue
            }
        }
    }
}
