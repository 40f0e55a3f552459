import LLMLoadCore
import LLMLoadMetrics
import Testing

@Suite struct TimeSeriesTests {
    let origin = ContinuousClock.now

    func at(_ milliseconds: Int) -> ContinuousClock.Instant { origin + .milliseconds(milliseconds) }

    /// A request scheduled and sent at `start` ms, first token 100 ms later, then `chunks − 1`
    /// more 300 ms apart; the server counts `tokens`.
    func record(start: Int, chunks: Int, tokens: Int, outcome: RequestOutcome = .ok) -> RequestRecord {
        let end = start + 100 + 300 * (chunks - 1)
        return RequestRecord(
            index: 0, scheduledAt: at(start), sentAt: at(start), firstTokenAt: at(start + 100),
            finishedAt: at(end), interTokenGapsNanoseconds: Array(repeating: 300_000_000, count: chunks - 1),
            outcome: outcome, textChunks: chunks, outputTokens: TokenCount(tokens, source: .server)
        )
    }

    @Test func bucketsCountEveryEventInItsSecond() throws {
        var series = TimeSeries(origin: origin, warmupSpan: .seconds(1))
        // Chunks at 0.1, 0.4, 0.7, 1.0, 1.3 s; ends at 1.3 s. The server counted 10 tokens: 2 a chunk.
        series.add(record(start: 0, chunks: 5, tokens: 10))
        // Sent at 1.5 s, failed at 1.9 s.
        series.add(
            RequestRecord(index: 1, scheduledAt: at(1500), sentAt: at(1500), finishedAt: at(1900), outcome: .httpError)
        )
        // Sent at 2.2 s, still counted in flight at the end of second 2; ends at 3.6 s.
        series.add(record(start: 2200, chunks: 5, tokens: 5))
        let buckets = series.buckets()
        #expect(buckets.map(\.second) == [0, 1, 2, 3])
        #expect(buckets.map(\.isWarmup) == [true, false, false, false])
        #expect(buckets.map(\.offered) == [1, 1, 1, 0])
        #expect(buckets.map(\.sent) == [1, 1, 1, 0])
        #expect(buckets.map(\.completed) == [0, 1, 0, 1])
        #expect(buckets.map(\.failed) == [0, 1, 0, 0])
        #expect(buckets.map(\.inFlight) == [1, 0, 1, 0])
        // First request: 3 chunks in second 0, 2 in second 1 (2 tokens each). Third: chunks at
        // 2.3, 2.6, 2.9 (second 2) and 3.2, 3.5 (second 3), 1 token each.
        #expect(buckets.map(\.outputTokensPerS) == [6, 4, 3, 2])
        #expect(buckets[1].e2eMeanMs == 1300)
        #expect(buckets[1].ttftP95Ms == 100)
        #expect(buckets[2].e2eMeanMs == nil, "failures and requests still running have no latency here")
        #expect(buckets.map(\.outputTokensPerS).reduce(0, +) == 15, "every token is placed once")
    }

    /// A second covers `[second, second + 1)` to the nanosecond, and chunks read together (a
    /// gap of 0) stay in the second of their read.
    @Test func aChunkOnASecondsBoundaryCountsInTheSecondItOpens() {
        var record = record(start: 0, chunks: 6, tokens: 6)
        record.firstTokenAt = at(900)
        // Chunks at 0.9, 0.9, 0.999999999, 1.0, 1.0 and 2.0 s.
        record.interTokenGapsNanoseconds = [0, 99_999_999, 1, 0, 1_000_000_000]
        record.finishedAt = at(2000)
        var series = TimeSeries(origin: origin)
        series.add(record)
        #expect(series.buckets().map(\.outputTokensPerS) == [3, 2, 1])
    }

    @Test func chunksPastTheStoredGapsAreStillPlacedInTheirSeconds() {
        // Chunks at 0.1, 0.4, 0.7 s with their gaps stored, then four more 300 ms apart whose
        // gaps were folded (past the cap): 1.0, 1.3, 1.6, 1.9 s. One token a chunk.
        var record = record(start: 0, chunks: 3, tokens: 7)
        record.textChunks = 7
        record.finishedAt = at(1900)
        var overflow = TokenGapOverflow()
        for _ in 0..<4 { overflow.add(nanoseconds: 300_000_000) }
        record.tokenGapOverflow = overflow
        var series = TimeSeries(origin: origin)
        series.add(record)
        #expect(series.buckets().map(\.outputTokensPerS) == [3, 4])
    }

    @Test func p95IsTheNearestRank() {
        var series = TimeSeries(origin: origin)
        // Twenty requests ending in second 5, with E2E 4902 … 4921 ms.
        for index in 1...20 {
            let start = 99 - index
            series.add(
                RequestRecord(
                    index: index, scheduledAt: at(start), sentAt: at(start), finishedAt: at(5000), outcome: .ok
                )
            )
        }
        let bucket = series.buckets()[5]
        #expect(bucket.completed == 20)
        #expect(bucket.e2eP95Ms == 4920, "the 19th of 20 values")
        #expect(bucket.e2eMeanMs == 4911.5)
    }

    @Test func oldSecondsKeepTheirP95AfterTheirValuesAreReleased() {
        var series = TimeSeries(origin: origin)
        series.add(record(start: 0, chunks: 2, tokens: 2))  // ends at 0.4 s, E2E 400 ms
        // A request ending much later reduces second 0; a late one for second 0 still counts.
        series.add(record(start: 30_000, chunks: 2, tokens: 2))
        series.add(record(start: 100, chunks: 2, tokens: 2))  // ends at 0.5 s
        let first = series.buckets()[0]
        #expect(first.completed == 2)
        #expect(first.e2eMeanMs == 400, "the mean stays exact")
        #expect(first.e2eP95Ms == 400, "the P95 covers the values seen while the second was open")
    }
}
