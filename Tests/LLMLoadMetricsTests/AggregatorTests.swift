import LLMLoadCore
import LLMLoadMetrics
import Testing

@Suite struct AggregatorTests {
    let start = ContinuousClock.now

    func record(
        _ index: Int,
        outcome: RequestOutcome = .ok,
        status: Int? = 200,
        ttft: Int? = 100,
        e2e: Int = 500,
        tokens: Int? = 11,
        message: String? = nil
    ) -> RequestRecord {
        let scheduled = start + .milliseconds(index * 50)
        let sent = scheduled + .milliseconds(1)
        return RequestRecord(
            index: index, scheduledAt: scheduled, sentAt: sent,
            firstTokenAt: ttft.map { sent + .milliseconds($0) },
            firstAnswerTokenAt: ttft.map { sent + .milliseconds($0) },
            finishedAt: sent + .milliseconds(e2e),
            interTokenGapsNanoseconds: Array(repeating: 40_000_000, count: max(0, (tokens ?? 1) - 1)),
            outcome: outcome, httpStatus: status, errorMessage: message, finishReason: outcome == .ok ? "stop" : nil,
            outputTokens: tokens.map { TokenCount($0, source: .server) },
            promptTokens: TokenCount(20, source: .server)
        )
    }

    func summary(_ aggregator: Aggregator, windowS: Double) -> RunSummary {
        RunSummary(
            aggregator: aggregator,
            runDescription: RunDescription(
                tool: .init(version: "test"),
                target: .init(url: "http://x", api: "ollama-generate", model: "m", simulated: true),
                load: .init(pattern: "constant@20.00", ratePerS: 20, durationS: 1, drainTimeoutS: 30),
                requests: .init(), output: .init(folder: "/tmp/x"),
                host: HostFacts(hostname: "h", os: "o", kernel: "k", cpuModel: nil, cpuCount: 1, memoryBytes: 0)),
            run: .init(
                startedAt: "", endedAt: "", interrupted: false, stopReason: "duration_reached", windowS: windowS,
                drainCancelledInFlight: false)
        )
    }

    @Test func derivesEveryFigureFromKnownRecords() throws {
        var aggregator = Aggregator()
        for index in 0..<8 { aggregator.add(record(index)) }
        aggregator.add(record(8, outcome: .httpError, status: 500, ttft: nil, tokens: nil, message: "HTTP 500: boom"))
        aggregator.add(record(9, outcome: .timeout, status: nil, ttft: nil, tokens: nil, message: "timeout"))
        let s = summary(aggregator, windowS: 2)
        #expect(s.requests.total == 10)
        #expect(s.requests.byOutcome["ok"] == 8)
        #expect(s.requests.byOutcome["http_error"] == 1)
        #expect(s.requests.byOutcome["cancelled"] == 0)
        #expect(s.requests.byHttpStatus == ["200": 8, "500": 1])
        #expect(s.requests.successRate == 0.8)
        #expect(s.requests.errorRate == 0.1)
        #expect(s.requests.timeoutRate == 0.1)
        #expect(s.requests.finishReasons == ["stop": 8])
        #expect(s.throughput.requestsPerS == 4)
        #expect(s.throughput.outputTokensPerS == 44)  // 8 × 11 tokens / 2 s
        #expect(s.throughput.totalTokensPerS == 124)  // + 8 × 20 prompt tokens
        #expect(s.tokens.outputSource == "server")
        let ttft = try #require(s.latency[.timeToFirstToken])
        #expect(ttft.count == 8, "failures are not in the latency population")
        #expect(ttft.p50 == 100 && ttft.max == 100)
        #expect(s.latency[.endToEndLatency]?.mean == 500)
        #expect(s.latency[.timePerOutputToken]?.p50 == 40)  // (500 − 100) / (11 − 1)
        #expect(s.latency[.interTokenLatency]?.count == 80)
        #expect(s.latency[.scheduleLag]?.p50 == 1)
        #expect(s.latency[.latencyFromSchedule]?.p50 == 501)
        #expect(s.errors.map(\.count) == [1, 1])
    }

    @Test func aRunWhereEveryRequestFailedHasNoLatencyFigures() {
        var aggregator = Aggregator()
        for index in 0..<5 {
            aggregator.add(
                record(index, outcome: .connectionError, status: nil, ttft: nil, tokens: nil, message: "refused"))
        }
        let s = summary(aggregator, windowS: 1)
        #expect(s.requests.successRate == 0)
        #expect(s.requests.errorRate == 1)
        #expect(
            s.latency[.timeToFirstToken] == nil && s.latency[.endToEndLatency] == nil
                && s.latency[.timePerOutputToken] == nil)
        #expect(s.throughput.requestsPerS == 0)
        #expect(s.tokens.outputSource == "none")
        #expect(s.errors == [.init(outcome: "connection_error", httpStatus: nil, message: "refused", count: 5)])
    }

    @Test func anEmptyRunHasNoRates() {
        let s = summary(Aggregator(), windowS: 0)
        #expect(s.requests.successRate == nil)
        #expect(s.throughput.requestsPerS == nil)
    }

    @Test func keepsABoundedNumberOfDistinctErrors() {
        var aggregator = Aggregator()
        for index in 0..<(ErrorTally.maximumDistinct + 20) {
            aggregator.add(
                record(index, outcome: .httpError, status: 500, ttft: nil, tokens: nil, message: "error \(index)"))
        }
        #expect(aggregator.errors.counts.count == ErrorTally.maximumDistinct)
        #expect(aggregator.errors.overflow == 20)
    }

    @Test func mixedTokenSourcesAreNamedMixed() {
        var aggregator = Aggregator()
        aggregator.add(record(0))
        var estimated = record(1)
        estimated.outputTokens = TokenCount(11, source: .estimated)
        aggregator.add(estimated)
        #expect(summary(aggregator, windowS: 1).tokens.outputSource == "mixed")
    }
}

@Suite struct RequestRecordDerivedTests {
    let sent = ContinuousClock.now

    func record(tokens: Int?) -> RequestRecord {
        RequestRecord(
            index: 0, scheduledAt: sent, sentAt: sent, firstTokenAt: sent + .milliseconds(100),
            finishedAt: sent + .milliseconds(300), outcome: .ok,
            outputTokens: tokens.map { TokenCount($0, source: .server) }
        )
    }

    @Test func tpotAndDecodeSpeedNeedTwoTokens() {
        #expect(record(tokens: 0).timePerOutputToken == nil)
        #expect(record(tokens: 1).timePerOutputToken == nil)
        #expect(record(tokens: nil).decodeTokensPerSecond == nil)
        #expect(record(tokens: 2).timePerOutputToken == .milliseconds(200))
        #expect(record(tokens: 2).decodeTokensPerSecond == 5)
        #expect(record(tokens: 21).timePerOutputToken == .milliseconds(10))
    }
}

@Suite struct WarmupTests {
    @Test func warmupRequestsAreCountedAndLeftOutOfEverythingElse() throws {
        let start = ContinuousClock.now
        var aggregator = Aggregator()
        for index in 0..<10 {
            let scheduled = start + .milliseconds(100 * index)
            aggregator.add(
                RequestRecord(
                    index: index, isWarmup: index < 4, scheduledAt: scheduled, sentAt: scheduled,
                    // Warm-up answers are slow (a cold model): they must not show anywhere.
                    firstTokenAt: scheduled + .milliseconds(index < 4 ? 5000 : 100),
                    finishedAt: scheduled + .milliseconds(index < 4 ? 9000 : 300), outcome: .ok,
                    outputTokens: TokenCount(5, source: .server)
                )
            )
        }
        #expect(aggregator.warmupRequests == 4)
        #expect(aggregator.recorded == 6)
        let ttft = try #require(aggregator[.timeToFirstToken].summary)
        #expect(ttft.count == 6 && ttft.max == 100)
        // The window runs from the first measured request (400 ms) to the last answer (1200 ms).
        #expect(abs(aggregator.windowSeconds - 0.8) < 1e-9)
        #expect(aggregator.outputTokens == 30)
    }

    @Test func theWarmupSpanComesBeforeTheMeasuredDuration() {
        var load = RunConfiguration.Load(
            profile: .constant(ratePerSecond: 20), duration: .seconds(10), warmup: .requests(5))
        #expect(load.warmupSpan == .milliseconds(250))
        #expect(load.isWarmup(index: 4, offset: .milliseconds(200)))
        #expect(!load.isWarmup(index: 5, offset: .milliseconds(250)))
        load.warmup = .duration(.seconds(2))
        #expect(load.warmupSpan == .seconds(2))
        #expect(load.isWarmup(index: 39, offset: .milliseconds(1950)))
        #expect(!load.isWarmup(index: 40, offset: .seconds(2)))
    }
}
