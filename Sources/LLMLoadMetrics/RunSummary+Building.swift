import LLMLoadCore

extension RunSummary {
    /// Builds the summary from the aggregated records and the run's description.
    public init(
        aggregator a: Aggregator,
        timeSeries: [TimeSeries.Bucket] = [],
        runDescription: RunDescription,
        run: Run
    ) {
        func rate(_ count: Int) -> Double? { a.recorded > 0 ? Double(count) / Double(a.recorded) : nil }
        func perSecond(_ value: Int) -> Double? { run.windowS > 0 ? Double(value) / run.windowS : nil }
        let distributions = a.distributions
        let sendSpan = zip(a.firstSentAt, a.lastSentAt).map { ($1 - $0).seconds }
        self.init(
            runDescription: runDescription,
            run: run,
            requests: Requests(
                total: a.recorded,
                warmup: a.warmupRequests,
                sent: a.sent,
                byOutcome: Dictionary(uniqueKeysWithValues: RequestOutcome.allCases.map { ($0.rawValue, a.count($0)) }),
                byHttpStatus: Dictionary(uniqueKeysWithValues: a.httpStatuses.map { (String($0.key), $0.value) }),
                finishReasons: a.finishReasons,
                successRate: rate(a.count(.ok)),
                errorRate: rate(a.count(.httpError) + a.count(.connectionError) + a.count(.streamError)),
                timeoutRate: rate(a.count(.timeout)),
                cancelledRate: rate(a.count(.cancelled))
            ),
            throughput: Throughput(
                requestsPerS: perSecond(a.count(.ok)),
                sentPerS: sendSpan.flatMap { $0 > 0 && a.sent > 1 ? Double(a.sent - 1) / $0 : nil },
                outputTokensPerS: perSecond(a.outputTokens),
                totalTokensPerS: perSecond(a.outputTokens.saturatingAdding(a.promptTokens))
            ),
            tokens: Tokens(
                outputTotal: a.outputTokens,
                promptTotal: a.promptTokens,
                outputSource: Self.source(a.outputTokenSources),
                promptSource: Self.source(a.promptTokenSources)
            ),
            latency: Latency(
                population: Latency.measuredPopulation,
                summaries: distributions.compactMapValues(\.summary)
            ),
            goodput: a.objectives.map { _ in
                Goodput(
                    requestsMeeting: a.requestsMeetingObjectives,
                    share: rate(a.requestsMeetingObjectives),
                    ratePerS: perSecond(a.requestsMeetingObjectives)
                )
            },
            errors: a.errors.sorted.map {
                ErrorCount(
                    outcome: $0.key.outcome.rawValue, httpStatus: $0.key.httpStatus, message: $0.key.message,
                    count: $0.count)
            },
            timeseries: timeSeries,
            histograms: distributions.mapValues(\.snapshot),
            errorsNotListed: a.errors.overflow
        )
        requests.resentOnClosedConnection = a.resentOnClosedConnection
        if a.promptTokensWithCacheReport > 0 {
            tokens.promptCachedTotal = a.cachedPromptTokens
            tokens.promptCacheHitRate = Double(a.cachedPromptTokens) / Double(a.promptTokensWithCacheReport)
        }
    }

    private static func source(_ counts: [TokenCountSource: Int]) -> String {
        switch (counts[.server, default: 0] > 0, counts[.estimated, default: 0] > 0) {
        case (true, true): "mixed"
        case (true, false): "server"
        case (false, true): "estimated"
        case (false, false): "none"
        }
    }
}

private func zip<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
    guard let a, let b else { return nil }
    return (a, b)
}
