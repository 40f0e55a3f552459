import Foundation
import LLMLoadCore
import LLMLoadReport

/// Writes `requests.csv` rows of a typical successful 64-token request to a temporary file
/// until the time budget is spent; reports rows per second, the file closed and flushed.
struct CSVBenchmark {
    var rows = 0
    var elapsed = Duration.zero

    static func run(for budget: Duration) throws -> CSVBenchmark {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("llmload-bench-\(getpid()).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        let clock = ContinuousClock()
        let origin = clock.now
        let writer = RequestsCSVWriter(url: url, origin: origin)
        var record = sampleRecord(origin: origin)
        var result = CSVBenchmark()
        let start = clock.now
        _ = runBatches(for: budget) {
            for _ in 0..<1000 {
                record.index = result.rows
                writer.append(record)
                result.rows += 1
            }
        }
        writer.close()
        result.elapsed = clock.now - start
        return result
    }

    var line: String {
        let seconds = elapsed.seconds
        return "requests.csv           \(Fixed.format(Double(rows) / seconds / 1e3, 1)) k rows/s"
            + "  (64-token successful requests)"
    }

    /// A successful streamed request of 64 tokens, 50 ms to first token, then 5 ms apart.
    static func sampleRecord(origin: ContinuousClock.Instant) -> RequestRecord {
        let scheduled = origin + .microseconds(1_234_567)
        let sent = scheduled + .microseconds(87)
        let first = sent + .microseconds(50_321)
        let gaps = (0..<63).map { Int64(5_000_000 + $0 * 1_003) }
        let finished = first + .nanoseconds(gaps.reduce(0, +))
        return RequestRecord(
            index: 0, scheduledAt: scheduled, sentAt: sent, responseHeadAt: sent + .microseconds(412),
            firstTokenAt: first, firstAnswerTokenAt: first, finishedAt: finished, interTokenGapsNanoseconds: gaps,
            outcome: .ok, httpStatus: 200, finishReason: "length", textChunks: 64,
            outputTokens: TokenCount(64, source: .server), promptTokens: TokenCount(23, source: .server),
            responseText: String(repeating: "The simulated model is answering, 模型正在回答。", count: 8)
        )
    }
}
