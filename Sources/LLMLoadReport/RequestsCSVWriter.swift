import Foundation
import LLMLoadCore

/// Streams one row per request to `requests.csv` while the run goes, so memory does not grow
/// with the number of requests. Instants are written as milliseconds since the run's start.
/// Rows are built into one reusable buffer by ``CSVRowBuilder`` (RFC 4180 quoting, server text
/// kept from being a spreadsheet formula), with no formatter or writer object per row.
public final class RequestsCSVWriter {
    /// The fixed columns, in order. Documented in `docs/results-schema.md`.
    public static let columns = [
        "index", "phase", "outcome", "http_status", "error",
        "scheduled_ms", "sent_ms", "schedule_lag_ms", "response_head_ms", "first_token_ms", "finished_ms",
        "ttft_ms", "time_to_first_answer_token_ms", "e2e_ms", "latency_from_schedule_ms",
        "tpot_ms", "mean_itl_ms", "decode_tokens_per_s",
        "output_tokens", "output_tokens_source", "prompt_tokens", "prompt_tokens_source", "target_prompt_tokens",
        "text_chunks",
        "finish_reason", "response_chars", "reasoning_chars",
        "server_total_duration_ms", "server_load_duration_ms", "server_prompt_eval_duration_ms",
        "server_eval_duration_ms", "server_decode_tokens_per_s", "server_prompt_tokens_per_s",
        "client_overhead_ms",
    ]

    private let file: BufferedFileWriter
    private let origin: ContinuousClock.Instant
    /// One buffer for every row, so a row costs no allocation.
    private var row = CSVRowBuilder()

    /// - Parameter origin: the run's start; every instant is written relative to it.
    public init(url: URL, origin: ContinuousClock.Instant) {
        self.file = BufferedFileWriter(url: url)
        self.origin = origin
        file.write(Self.line(Self.columns))
    }

    /// Why the file could not be written, if it could not.
    public var failure: String? { file.failure }

    public func append(_ record: RequestRecord) {
        row.removeAll()
        Self.build(record, origin: origin, into: &row)
        file.write(row.bytes)
    }

    public func close() { file.close() }

    /// One row, in the order of ``columns``. Text from the server goes through
    /// ``CSVRowBuilder/text(_:)``, which keeps it from being a spreadsheet formula.
    static func build(_ r: RequestRecord, origin: ContinuousClock.Instant, into row: inout CSVRowBuilder) {
        func at(_ instant: ContinuousClock.Instant?) -> Double? { instant.map { ($0 - origin).milliseconds } }
        func nanos(_ value: Int64?) -> Double? { value.map { Double($0) / 1e6 } }
        let timings = r.serverTimings
        row.integer(r.index)
        row.text(r.isWarmup ? "warmup" : "measure")
        row.text(r.outcome.rawValue)
        row.integer(r.httpStatus)
        row.text(r.errorMessage)
        row.number(at(r.scheduledAt))
        row.number(at(r.sentAt))
        row.number(r.scheduleLag?.milliseconds)
        row.number(at(r.responseHeadAt))
        row.number(at(r.firstTokenAt))
        row.number(at(r.finishedAt))
        row.number(r.timeToFirstToken?.milliseconds)
        row.number(r.timeToFirstAnswerToken?.milliseconds)
        row.number(r.endToEndLatency?.milliseconds)
        row.number(r.latencyFromSchedule.milliseconds)
        row.number(r.timePerOutputToken?.milliseconds)
        row.number(r.meanInterTokenGap?.milliseconds)
        row.number(r.decodeTokensPerSecond)
        row.integer(r.outputTokens?.value)
        row.text(r.outputTokens?.source.rawValue)
        row.integer(r.promptTokens?.value)
        row.text(r.promptTokens?.source.rawValue)
        row.integer(r.targetPromptTokens)
        row.integer(r.textChunks)
        row.text(r.finishReason)
        row.integer(r.responseText.count)
        row.integer(r.reasoningText.count)
        row.number(nanos(timings?.totalDurationNanoseconds))
        row.number(nanos(timings?.loadDurationNanoseconds))
        row.number(nanos(timings?.promptEvalDurationNanoseconds))
        row.number(nanos(timings?.evalDurationNanoseconds))
        row.number(r.serverDecodeTokensPerSecond)
        row.number(r.serverPromptTokensPerSecond)
        row.number(r.clientSideOverhead?.milliseconds)
        row.endRow()
    }

    /// Three decimals, locale-independent.
    static func decimal(_ value: Double) -> String {
        DecimalText.format(value, places: 3) ?? ""
    }

    /// One CSV line (with its newline), every field as it is, quoted as RFC 4180 requires.
    static func line(_ fields: [String]) -> String {
        var row = CSVRowBuilder(capacity: 256)
        for field in fields { row.plain(field) }
        row.endRow()
        return String(decoding: row.bytes, as: UTF8.self)
    }
}
