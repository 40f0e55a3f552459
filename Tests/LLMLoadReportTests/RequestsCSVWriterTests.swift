import CSV
import Foundation
import LLMLoadCore
import LLMLoadReport
import LLMLoadTestSupport
import Testing

@Suite struct RequestsCSVWriterTests {
    let origin = ContinuousClock.now

    func temporaryFile() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("llmload-csv-\(UUID().uuidString).csv")
    }

    func read(_ url: URL) throws -> [[String]] {
        let reader = try CSVReader(string: try String(contentsOf: url, encoding: .utf8), hasHeaderRow: false)
        return reader.map { $0 }
    }

    @Test func headerIsStable() {
        // Changing a column is a breaking change for every user's scripts: update the schema doc.
        #expect(RequestsCSVWriter.columns.first == "index")
        #expect(RequestsCSVWriter.columns.count == 46)
        #expect(Set(RequestsCSVWriter.columns).count == RequestsCSVWriter.columns.count)
    }

    /// A server's absurd count (`Int.max` tokens) is written, not trapped on: past 2⁶³ a
    /// `Double` holds no `Int`.
    @Test func anAbsurdAnswerCountIsWrittenAsTheLargestInteger() throws {
        let url = temporaryFile()
        defer { try? FileManager.default.removeItem(at: url) }
        var record = RequestRecord(index: 0, scheduledAt: origin, finishedAt: origin, outcome: .ok)
        record.answerTokens = TokenCount(.max, source: .server)
        let writer = RequestsCSVWriter(url: url, origin: origin)
        writer.append(record)
        writer.close()
        let row = try #require(try CSVRows.read(url).first)
        #expect(row["answer_tokens"] == String(Int.max))
    }

    @Test func writesAwkwardTextSoItReadsBackIdentical() throws {
        let url = temporaryFile()
        defer { try? FileManager.default.removeItem(at: url) }
        let message = "HTTP 500: boom, \"quoted\"\nsecond line, 模型错误 <script>alert(1)</script>"
        let record = RequestRecord(
            index: 3, scheduledAt: origin + .milliseconds(150), sentAt: origin + .microseconds(151_250),
            firstTokenAt: origin + .microseconds(351_250), finishedAt: origin + .microseconds(851_250),
            outcome: .httpError, httpStatus: 500, errorMessage: message,
            outputTokens: TokenCount(26, source: .server)
        )
        let writer = RequestsCSVWriter(url: url, origin: origin)
        writer.append(record)
        writer.append(record)
        writer.close()
        #expect(writer.failure == nil)
        let rows = try read(url)
        #expect(rows.count == 3)
        #expect(rows[0] == RequestsCSVWriter.columns)
        let row = Dictionary(uniqueKeysWithValues: zip(rows[0], rows[1]))
        #expect(row["error"] == message)
        #expect(row["index"] == "3")
        #expect(row["outcome"] == "http_error")
        #expect(row["scheduled_ms"] == "150.000")
        #expect(row["schedule_lag_ms"] == "1.250")
        #expect(row["ttft_ms"] == "200.000")
        #expect(row["e2e_ms"] == "700.000")
        #expect(row["tpot_ms"] == "20.000")
        #expect(row["output_tokens_source"] == "server")
        #expect(row["response_head_ms"] == "", "absent values are empty, not zero")
        #expect(rows[1] == rows[2])
    }

    @Test func everyFieldReadsBackAsTheRecordSays() throws {
        let url = temporaryFile()
        defer { try? FileManager.default.removeItem(at: url) }
        let sent = origin + .microseconds(100_123)
        var record = RequestRecord(
            index: 41, isWarmup: true, scheduledAt: origin + .microseconds(99_999), sentAt: sent,
            responseHeadAt: sent + .microseconds(5_000), firstTokenAt: sent + .microseconds(62_500),
            firstAnswerTokenAt: sent + .microseconds(70_000), finishedAt: sent + .microseconds(1_000_000),
            interTokenGapsNanoseconds: [1_000_001, 2_000_002], outcome: .streamError, httpStatus: 200,
            errorMessage: "=HYPERLINK(\"http://evil\",\"click\")", finishReason: "-length", textChunks: 3,
            outputTokens: TokenCount(3, source: .server), promptTokens: TokenCount(17, source: .estimated),
            targetPromptTokens: 16,
            // The server accounts for more than the client measured: a negative overhead.
            serverTimings: ServerTimings(
                totalDurationNanoseconds: 1_000_001_700, loadDurationNanoseconds: 1,
                promptEvalDurationNanoseconds: 12_345_678, evalDurationNanoseconds: 937_500_000),
            responseText: "héllo 😀", reasoningText: "@think"
        )
        record.cachedPromptTokens = 12
        record.targetIndex = 1
        (record.conversation, record.turn) = (3, 2)
        // Waited 0.1 ms for a slot (--max-in-flight): the schedule lag counts from then.
        record.clientQueueEndedAt = origin + .microseconds(100_099)
        record.thinkingTokens = TokenCount(1, source: .estimated)
        record.answerTokens = TokenCount(2, source: .server)
        let writer = RequestsCSVWriter(url: url, origin: origin)
        writer.append(record)
        writer.close()
        let rows = try CSVRows.read(url)
        #expect(rows.count == 1)
        let row = try #require(rows.first)
        #expect(row.keys.sorted() == RequestsCSVWriter.columns.sorted())
        // Numbers as the writer always wrote them: String(format:locale:), three decimals.
        func ms(_ duration: Duration?) -> String {
            duration.map { String(format: "%.3f", locale: Locale(identifier: "en_US_POSIX"), $0.milliseconds) } ?? ""
        }
        let expected: [String: String] = [
            "index": "41", "phase": "warmup", "outcome": "stream_error", "http_status": "200",
            "error": "'=HYPERLINK(\"http://evil\",\"click\")",
            "scheduled_ms": "99.999", "sent_ms": "100.123", "schedule_lag_ms": "0.024",
            "response_head_ms": "105.123", "first_token_ms": "162.623", "finished_ms": "1100.123",
            "ttft_ms": "62.500", "time_to_first_answer_token_ms": "70.000", "e2e_ms": "1000.000",
            "latency_from_schedule_ms": "1000.124", "tpot_ms": ms(record.timePerOutputToken), "mean_itl_ms": "1.500",
            "decode_tokens_per_s": String(
                format: "%.3f", locale: Locale(identifier: "en_US_POSIX"),
                record.decodeTokensPerSecond!),
            "output_tokens": "3", "output_tokens_source": "server", "prompt_tokens": "17",
            "prompt_tokens_source": "estimated", "target_prompt_tokens": "16", "text_chunks": "3",
            "finish_reason": "'-length", "response_chars": "7", "reasoning_chars": "6",
            "server_total_duration_ms": "1000.002", "server_load_duration_ms": "0.000",
            "server_prompt_eval_duration_ms": "12.346", "server_eval_duration_ms": "937.500",
            "server_decode_tokens_per_s": "3.200", "server_prompt_tokens_per_s": "",
            "client_overhead_ms": "-0.002", "thinking_ms": "7.500", "thinking_tokens": "1",
            "thinking_tokens_source": "estimated", "answer_tokens": "2", "answer_tokens_source": "server",
            "answer_ms": "930.000", "answer_decode_tokens_per_s": "1.075",
            "client_queue_ms": "0.100", "cached_prompt_tokens": "12", "target": "2", "conversation": "3", "turn": "2",
        ]
        for column in RequestsCSVWriter.columns {
            #expect(row[column] == expected[column], "\(column)")
        }
        // The negative number is a bare number in the file: no quotes, no leading '.
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.hasSuffix(",3.200,,-0.002,7.500,1,estimated,2,server,930.000,1.075,0.100,12,2,3,2\n"))
    }

    @Test func meanITLCountsTheGapsFoldedPastTheCap() throws {
        let url = temporaryFile()
        defer { try? FileManager.default.removeItem(at: url) }
        // Two stored gaps of 1 and 2 ms, three folded ones of 9 ms: the mean is 30 / 5 ms.
        var record = RequestRecord(
            index: 0, scheduledAt: origin, sentAt: origin, firstTokenAt: origin, finishedAt: origin + .seconds(1),
            interTokenGapsNanoseconds: [1_000_000, 2_000_000], outcome: .ok, textChunks: 6)
        var overflow = TokenGapOverflow()
        for _ in 0..<3 { overflow.add(nanoseconds: 9_000_000) }
        record.tokenGapOverflow = overflow
        let writer = RequestsCSVWriter(url: url, origin: origin)
        writer.append(record)
        writer.close()
        #expect(try CSVRows.read(url).first?["mean_itl_ms"] == "6.000")
    }

    @Test func anUnwritableFileIsReportedNotThrown() {
        let writer = RequestsCSVWriter(url: URL(fileURLWithPath: "/proc/llmload-cannot-write-here.csv"), origin: origin)
        writer.append(RequestRecord(index: 0, scheduledAt: origin, finishedAt: origin, outcome: .cancelled))
        writer.close()
        #expect(writer.failure != nil)
    }
}
