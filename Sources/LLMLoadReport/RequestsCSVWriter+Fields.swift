import LLMLoadCore
import LLMLoadMetrics

extension RequestsCSVWriter {
    /// One column of `requests.csv`: its name, and how a request's field is written into the
    /// row.
    struct Field: Sendable {
        /// How the field is written. Each case holds a closure that captures nothing, so a row
        /// costs one call per column but no reference counting: closures that captured the
        /// metric's or the instant's closure cost another ~10 % of the rows per second.
        enum Write: Sendable {
            case record(@Sendable (RequestRecord, inout CSVRowBuilder) -> Void)
            /// An instant, in milliseconds since the run's origin.
            case instant(@Sendable (RequestRecord) -> ContinuousClock.Instant?)
            /// A duration the server reported in nanoseconds, in milliseconds.
            case serverNanoseconds(@Sendable (ServerTimings) -> Int64?)
            /// A catalogue metric's figure (``Metric/value``).
            case number(@Sendable (RequestRecord) -> Double?)
            /// A catalogue metric that counts tokens, written as a whole number.
            case count(@Sendable (RequestRecord) -> Double?)
        }

        var column: String
        /// The catalogue metric the column shows, if it shows one.
        var metricID: String?
        var write: Write

        init(_ column: String, _ write: Write) {
            self.column = column
            self.write = write
        }

        init(_ column: String, _ write: @escaping @Sendable (RequestRecord, inout CSVRowBuilder) -> Void) {
            self.init(column, .record(write))
        }

        init(_ metric: Metric) {
            self.init(metric.column, metric.unit == .tokens ? .count(metric.value) : .number(metric.value))
            metricID = metric.id
        }
    }

    /// Every column, in order (documented in `docs/results-schema.md`). The catalogue's metrics
    /// stand where they always stood; a metric added to the catalogue gets its column at the
    /// end, so no column that readers find by position moves. Text from the server goes through
    /// ``CSVRowBuilder/text(_:)``, which keeps it from being a spreadsheet formula.
    static let fields: [Field] = {
        let fields: [Field] = [
            Field("index") { r, row in row.integer(r.index) },
            Field("phase") { r, row in row.text(r.isWarmup ? "warmup" : "measure") },
            Field("outcome") { r, row in row.text(r.outcome.rawValue) },
            Field("http_status") { r, row in row.integer(r.httpStatus) },
            Field("error") { r, row in row.text(r.errorMessage) },
            Field("scheduled_ms", .instant { $0.scheduledAt }),
            Field("sent_ms", .instant { $0.sentAt }),
            Field(.scheduleLag),
            Field("response_head_ms", .instant { $0.responseHeadAt }),
            Field("first_token_ms", .instant { $0.firstTokenAt }),
            Field("finished_ms", .instant { $0.finishedAt }),
            Field(.timeToFirstToken),
            Field(.timeToFirstAnswerToken),
            Field(.endToEndLatency),
            Field(.latencyFromSchedule),
            Field(.timePerOutputToken),
            Field(.interTokenLatency),
            Field(.decodeSpeed),
            Field("output_tokens") { r, row in row.integer(r.outputTokens?.value) },
            Field("output_tokens_source") { r, row in row.text(r.outputTokens?.source.rawValue) },
            Field("prompt_tokens") { r, row in row.integer(r.promptTokens?.value) },
            Field("prompt_tokens_source") { r, row in row.text(r.promptTokens?.source.rawValue) },
            Field("target_prompt_tokens") { r, row in row.integer(r.targetPromptTokens) },
            Field("text_chunks") { r, row in row.integer(r.textChunks) },
            Field("finish_reason") { r, row in row.text(r.finishReason) },
            Field("response_chars") { r, row in row.integer(characterCount(r.responseText)) },
            Field("reasoning_chars") { r, row in row.integer(characterCount(r.reasoningText)) },
            Field("server_total_duration_ms", .serverNanoseconds { $0.totalDurationNanoseconds }),
            Field("server_load_duration_ms", .serverNanoseconds { $0.loadDurationNanoseconds }),
            Field(.serverPromptEvaluation),
            Field("server_eval_duration_ms", .serverNanoseconds { $0.evalDurationNanoseconds }),
            Field(.serverDecodeSpeed),
            Field(.serverPromptSpeed),
            Field(.clientOverhead),
            // A reasoning model's split, each count beside where it came from. Placed, not left
            // to the catalogue's tail, so metrics added later go after the source columns.
            Field(.thinkingDuration),
            Field(.thinkingTokens),
            Field("thinking_tokens_source") { r, row in row.text(r.thinkingTokens?.source.rawValue) },
            Field(.answerTokens),
            Field("answer_tokens_source") { r, row in row.text(r.answerTokens?.source.rawValue) },
            Field(.answerDuration),
            Field(.answerDecodeSpeed),
        ]
        let placed = Set(fields.compactMap(\.metricID))
        // Columns added after the catalogue's own went to the end: none of them moves.
        let later: [Field] = [
            Field("cached_prompt_tokens") { r, row in row.integer(r.cachedPromptTokens) },
            // The replica, numbered from 1 as `summary.json`'s `targets` and `config.json`'s
            // `target.replicas` list them (the URL is there, once): 1 for a single server.
            Field("target") { r, row in row.integer(r.targetIndex + 1) },
            // With --turns: the conversation (from 0) and the turn in it (from 1); empty otherwise.
            Field("conversation") { r, row in row.integer(r.conversation) },
            Field("turn") { r, row in row.integer(r.turn) },
        ]
        return fields + MetricCatalogue.all.filter { !placed.contains($0.id) }.map(Field.init) + later
    }()
}

extension RequestsCSVWriter.Field.Write {
    /// Writes the request's field into `row`; instants relative to `origin`.
    @inline(__always)
    func callAsFunction(_ record: RequestRecord, _ origin: ContinuousClock.Instant, _ row: inout CSVRowBuilder) {
        switch self {
        case .record(let write): write(record, &row)
        case .instant(let instant): row.number(instant(record).map { ($0 - origin).milliseconds })
        case .serverNanoseconds(let value): row.number(record.serverTimings.flatMap(value).map { Double($0) / 1e6 })
        case .number(let value): row.number(value(record))
        // A server's absurd count (near `Int.max`) is no longer exact as a `Double`: written as
        // the largest `Int` rather than trapping.
        case .count(let value): row.integer(value(record).map { $0 < 0x1p63 ? Int($0) : .max })
        }
    }
}

/// `text.count`, the characters a reader sees, without walking grapheme clusters when every
/// byte is one: ASCII without a carriage return (`\r\n` is one character). Counting the
/// clusters of every answer was 8 % of writing `requests.csv`.
func characterCount(_ text: String) -> Int {
    for byte in text.utf8 where byte >= 0x80 || byte == UInt8(ascii: "\r") { return text.count }
    return text.utf8.count
}
