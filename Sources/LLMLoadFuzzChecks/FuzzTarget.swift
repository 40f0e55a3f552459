/// One fuzz target of `scripts/fuzz.sh`: its corpus folder (`Fuzz/corpus/<rawValue>`) and, for
/// all but the scenario file, its check. The scenario file's parser is internal to
/// `LLMLoadCLI`, so its callers pass it in (``ScenarioFileCheck``).
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// Server-Sent Events through `SSEFramer` and `OpenAIStreamDecoder`.
    case sse
    /// NDJSON through `LineFramer` and `OllamaStreamDecoder`.
    case ndjson
    /// One JSON chunk: the byte-level reader against `JSONDecoder`.
    case chunk
    /// A prompt file, read as text, JSON Lines and ShareGPT.
    case promptFile = "prompt-file"
    /// The `/proc` text parsers of `LLMLoadMonitor`.
    case proc
    /// A `llmload run -f` scenario file.
    case scenario
    /// A Prometheus `/metrics` page through `PrometheusText` and the curated figures.
    case prometheus
    /// A `--trace` file (Mooncake JSONL, BurstGPT CSV) through `TraceFile`.
    case trace
    /// A connection's HTTP/1.1 responses through `HTTPResponseReader`.
    case http

    /// The check of one input, or `nil` for ``scenario``.
    public var check: (@Sendable ([UInt8]) throws(FuzzFinding) -> Void)? {
        switch self {
        case .sse: { bytes throws(FuzzFinding) in try StreamCheck.openAI(bytes) }
        case .ndjson: { bytes throws(FuzzFinding) in try StreamCheck.ollama(bytes) }
        case .chunk: { bytes throws(FuzzFinding) in try ChunkReaderCheck.check(bytes) }
        case .promptFile: { bytes throws(FuzzFinding) in try PromptFileCheck.check(bytes) }
        case .proc: { bytes throws(FuzzFinding) in try ProcTextCheck.check(bytes) }
        case .scenario: nil
        case .prometheus: { bytes throws(FuzzFinding) in try PrometheusTextCheck.check(bytes) }
        case .trace: { bytes throws(FuzzFinding) in try TraceFileCheck.check(bytes) }
        case .http: { bytes throws(FuzzFinding) in try HTTPResponseCheck.check(bytes) }
        }
    }
}
