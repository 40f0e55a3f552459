import CSV
import Foundation
import LLMLoadCore
import LLMLoadReport
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
        #expect(RequestsCSVWriter.columns.count == 34)
        #expect(Set(RequestsCSVWriter.columns).count == RequestsCSVWriter.columns.count)
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

    @Test func anUnwritableFileIsReportedNotThrown() {
        let writer = RequestsCSVWriter(url: URL(fileURLWithPath: "/proc/llmload-cannot-write-here.csv"), origin: origin)
        writer.append(RequestRecord(index: 0, scheduledAt: origin, finishedAt: origin, outcome: .cancelled))
        writer.close()
        #expect(writer.failure != nil)
    }
}
