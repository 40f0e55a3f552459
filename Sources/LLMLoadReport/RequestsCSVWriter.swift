import CSV
import Foundation
import LLMLoadCore

/// Streams one row per request to `requests.csv` while the run goes, so memory does not grow
/// with the number of requests. Quoting (commas, quotes, newlines in server messages) is
/// CSV.swift's job. Instants are written as milliseconds since the run's start.
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

    /// - Parameter origin: the run's start; every instant is written relative to it.
    public init(url: URL, origin: ContinuousClock.Instant) {
        self.file = BufferedFileWriter(url: url)
        self.origin = origin
        file.write(Self.line(Self.columns))
    }

    /// Why the file could not be written, if it could not.
    public var failure: String? { file.failure }

    public func append(_ record: RequestRecord) {
        file.write(Self.line(fields(record)))
    }

    public func close() { file.close() }

    private func fields(_ r: RequestRecord) -> [String] {
        func at(_ instant: ContinuousClock.Instant?) -> String { instant.map { ms($0 - origin) } ?? "" }
        let gaps = r.interTokenGapsNanoseconds
        let meanGap = gaps.isEmpty ? "" : Self.decimal(Double(gaps.reduce(0, +)) / Double(gaps.count) / 1e6)
        let timings = r.serverTimings
        return [
            String(r.index), r.isWarmup ? "warmup" : "measure", r.outcome.rawValue, r.httpStatus.map(String.init) ?? "",
            r.errorMessage ?? "",
            at(r.scheduledAt), at(r.sentAt), r.scheduleLag.map(ms) ?? "", at(r.responseHeadAt), at(r.firstTokenAt),
            at(r.finishedAt),
            r.timeToFirstToken.map(ms) ?? "", r.timeToFirstAnswerToken.map(ms) ?? "", r.endToEndLatency.map(ms) ?? "",
            ms(r.latencyFromSchedule),
            r.timePerOutputToken.map(ms) ?? "", meanGap, r.decodeTokensPerSecond.map(Self.decimal) ?? "",
            r.outputTokens.map { String($0.value) } ?? "", r.outputTokens?.source.rawValue ?? "",
            r.promptTokens.map { String($0.value) } ?? "", r.promptTokens?.source.rawValue ?? "",
            r.targetPromptTokens.map(String.init) ?? "", String(r.textChunks),
            r.finishReason ?? "", String(r.responseText.count), String(r.reasoningText.count),
            nanos(timings?.totalDurationNanoseconds), nanos(timings?.loadDurationNanoseconds),
            nanos(timings?.promptEvalDurationNanoseconds), nanos(timings?.evalDurationNanoseconds),
            r.serverDecodeTokensPerSecond.map(Self.decimal) ?? "",
            r.serverPromptTokensPerSecond.map(Self.decimal) ?? "", r.clientSideOverhead.map(ms) ?? "",
        ]
    }

    private func ms(_ duration: Duration) -> String { Self.decimal(duration.milliseconds) }

    private func nanos(_ value: Int64?) -> String { value.map { Self.decimal(Double($0) / 1e6) } ?? "" }

    /// Three decimals, locale-independent.
    static func decimal(_ value: Double) -> String {
        DecimalText.format(value, places: 3) ?? ""
    }

    /// One CSV line (with its newline) from CSV.swift, which quotes as RFC 4180 requires.
    static func line(_ fields: [String]) -> String {
        let stream = OutputStream(toMemory: ())
        do {
            let writer = try CSVWriter(stream: stream)
            try writer.write(row: fields)
            writer.stream.close()
        } catch {
            // Writing to memory cannot fail; keep the row count right if it ever did.
            return fields.map { _ in "" }.joined(separator: ",") + "\n"
        }
        let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
