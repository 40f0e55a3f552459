import LLMLoadCore

extension RunSummary {
    /// The summary of a whole load from the summaries of its shards, as one process sending
    /// the whole load would have written it.
    ///
    /// - Exact: counts, outcome, status, finish-reason and error tallies, token totals, and
    ///   every distribution, rebuilt by adding the shards' HDR histograms and exact sums
    ///   (``DistributionSnapshot``), so percentiles are those of one histogram holding every
    ///   request's value.
    /// - From `rows` (every shard's `requests.csv`, on the common start's time base): the
    ///   window rates are counted over, the send rate, the prefix-cache hit rate and the
    ///   per-second latencies. Without rows the window is the longest shard's and those rates
    ///   are left out.
    /// - Resources: every shard's samples together (`resources`) and each shard's statistics
    ///   (`merge.shards`). Server metrics: the first shard's that has them (every shard scraped
    ///   the same server).
    ///
    /// - Parameters:
    ///   - shards: each shard's folder and summary, in shard order, already checked to belong
    ///     together.
    ///   - runDescription: the whole load's description.
    public init(
        mergingShards shards: [(folder: String, summary: RunSummary)], rows: RequestRowFacts?,
        runDescription: RunDescription
    ) {
        precondition(!shards.isEmpty, "a merge needs a shard")
        let summaries = shards.map { $0.summary }
        let first = summaries[0]
        let distributions = Self.mergedDistributions(summaries)
        let catalogue = Set(MetricCatalogue.all.map(\.id))
        func sum(_ value: (RunSummary) -> Int) -> Int { summaries.reduce(0) { $0.saturatingAdding(value($1)) } }
        let windowS = rows?.measuredWindowS.map { $0.upperBound - $0.lowerBound } ?? summaries.map(\.run.windowS).max()!
        let reasons = Set(summaries.map(\.run.stopReason))
        let interrupted = summaries.contains(where: \.run.interrupted)
        let (errors, overflow) = Self.mergedErrors(summaries)
        self.init(
            runDescription: runDescription,
            run: Run(
                startedAt: summaries.map(\.run.startedAt).min()!, endedAt: summaries.map(\.run.endedAt).max()!,
                interrupted: interrupted,
                stopReason: reasons.count == 1
                    ? first.run.stopReason : interrupted ? "interrupted" : first.run.stopReason,
                windowS: windowS, drainCancelledInFlight: summaries.contains(where: \.run.drainCancelledInFlight)),
            requests: Requests(
                total: sum(\.requests.total), warmup: sum(\.requests.warmup), sent: sum(\.requests.sent),
                byOutcome: Self.added(summaries.map(\.requests.byOutcome)),
                byHttpStatus: Self.added(summaries.map(\.requests.byHttpStatus)),
                finishReasons: Self.added(
                    summaries.map(\.requests.finishReasons), keeping: Aggregator.maximumFinishReasons,
                    other: Aggregator.otherFinishReasons)),
            throughput: Throughput(),
            tokens: Tokens(
                outputTotal: sum(\.tokens.outputTotal), promptTotal: sum(\.tokens.promptTotal),
                outputSource: Self.combinedSource(summaries.map(\.tokens.outputSource)),
                promptSource: Self.combinedSource(summaries.map(\.tokens.promptSource))),
            latency: Latency(
                population: first.latency.population,
                summaries: distributions.filter { catalogue.contains($0.key) }.compactMapValues(\.summary)),
            errors: errors,
            timeseries: TimeSeries.merge(summaries.map(\.timeseries), rows: rows),
            histograms: distributions.mapValues(\.snapshot),
            errorsNotListed: sum(\.errorsNotListed).saturatingAdding(overflow)
        )
        if summaries.contains(where: { $0.requests.resentOnClosedConnection != nil }) {
            requests.resentOnClosedConnection = sum { $0.requests.resentOnClosedConnection ?? 0 }
        }
        setRates(rows: rows)
        if first.goodput != nil {
            let meeting = sum { $0.goodput?.requestsMeeting ?? 0 }
            goodput = Goodput(
                requestsMeeting: meeting, share: requests.total > 0 ? Double(meeting) / Double(requests.total) : nil,
                ratePerS: windowS > 0 ? Double(meeting) / windowS : nil)
        }
        client = Self.mergedClient(summaries, distributions: distributions, timeseries: timeseries)
        resources = Self.mergedResources(summaries, measuredWindowS: rows?.measuredWindowS)
        serverMetrics = summaries.lazy.compactMap(\.serverMetrics).first
        inputTokens = Self.mergedInputTokens(summaries.compactMap(\.inputTokens))
        let part = first.runDescription.load.shard
        merge = Merge(
            runId: part?.runId ?? "", shardCount: part?.count ?? shards.count, startAt: part?.startAt ?? "",
            shards: shards.map {
                Merge.Shard(
                    index: $0.summary.runDescription.load.shard?.index ?? 0, folder: $0.folder, summary: $0.summary)
            })
        let leftOut = [
            ("targets", summaries.contains { $0.targets != nil }), ("turns", summaries.contains { $0.turns != nil }),
        ].filter(\.1).map(\.0)
        merge?.notMerged = leftOut.isEmpty ? nil : leftOut
    }

    /// The rates over the merged window, as ``RunSummary/init(aggregator:timeSeries:runDescription:run:)``
    /// computes them for one process.
    private mutating func setRates(rows: RequestRowFacts?) {
        let total = requests.total
        func rate(_ count: Int) -> Double? { total > 0 ? Double(count) / Double(total) : nil }
        func perSecond(_ value: Int) -> Double? { run.windowS > 0 ? Double(value) / run.windowS : nil }
        func outcome(_ outcome: RequestOutcome) -> Int { requests.byOutcome[outcome.rawValue, default: 0] }
        requests.successRate = rate(outcome(.ok))
        requests.errorRate = rate(outcome(.httpError) + outcome(.connectionError) + outcome(.streamError))
        requests.timeoutRate = rate(outcome(.timeout))
        requests.cancelledRate = rate(outcome(.cancelled))
        throughput.requestsPerS = perSecond(outcome(.ok))
        throughput.outputTokensPerS = perSecond(tokens.outputTotal)
        throughput.totalTokensPerS = perSecond(tokens.outputTotal.saturatingAdding(tokens.promptTotal))
        if let rows, let firstSent = rows.firstSentMs, let lastSent = rows.lastSentMs, lastSent > firstSent,
            requests.sent > 1
        {
            throughput.sentPerS = Double(requests.sent - 1) / ((lastSent - firstSent) / 1000)
        }
        if let rows, rows.promptTokensWithCacheReport > 0 {
            tokens.promptCachedTotal = rows.cachedPromptTokens
            tokens.promptCacheHitRate = Double(rows.cachedPromptTokens) / Double(rows.promptTokensWithCacheReport)
        }
    }

    /// Every shard's distributions, added histogram by histogram. A histogram whose scale
    /// differs from the first shard's (a hand-edited file) is left out rather than mis-added.
    static func mergedDistributions(_ summaries: [RunSummary]) -> [String: Distribution] {
        var merged: [String: Distribution] = [:]
        for summary in summaries {
            for (key, snapshot) in summary.histograms {
                let distribution = Distribution(snapshot: snapshot)
                if var existing = merged[key] {
                    guard existing.scale == distribution.scale else { continue }
                    existing.merge(distribution)
                    merged[key] = existing
                } else {
                    merged[key] = distribution
                }
            }
        }
        return merged
    }

    /// Counts by key, added; past `keeping` keys, the rest are counted under `other`.
    static func added(_ tallies: [[String: Int]], keeping limit: Int = .max, other: String = "") -> [String: Int] {
        var result: [String: Int] = [:]
        for tally in tallies {
            for (key, count) in tally.sorted(by: { $0.key < $1.key }) {
                let kept = result[key] != nil || result.count < limit ? key : other
                result[kept, default: 0] = result[kept, default: 0].saturatingAdding(count)
            }
        }
        return result
    }

    /// `server`, `estimated`, `mixed` or `none` for the shards' sources together.
    static func combinedSource(_ sources: [String]) -> String {
        let known = Set(sources).subtracting(["none"])
        return known.count == 1 ? known.first! : known.isEmpty ? "none" : "mixed"
    }
}
