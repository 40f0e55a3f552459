extension TimeSeries {
    /// The per-second series of a load sent by several shards, from each shard's series.
    ///
    /// Every shard counts its seconds from the common start (`--start-at`), so second *i* of
    /// each is the same second: counts, requests in flight and output tokens add up. Each
    /// second's TTFT and E2E mean and P95 are recomputed from every shard's requests (`rows`),
    /// as one process would have them; without rows the means are weighted by completions and
    /// the P95s, which do not add, are left out. A second's client loop delay is the worst
    /// shard's (the shards ran on different machines: their delays do not pool into one P99).
    public static func merge(_ shards: [[Bucket]], rows: RequestRowFacts?) -> [Bucket] {
        let seconds = shards.map(\.count).max() ?? 0
        return (0..<seconds).map { second in
            let present = shards.compactMap { $0.indices.contains(second) ? $0[second] : nil }
            var bucket = Bucket(second: second, isWarmup: present.contains(where: \.isWarmup))
            for shard in present {
                bucket.offered += shard.offered
                bucket.sent += shard.sent
                bucket.completed += shard.completed
                bucket.failed += shard.failed
                bucket.inFlight += shard.inFlight
                bucket.outputTokensPerS += shard.outputTokensPerS
            }
            if let rows {
                let ttft = rows.ttftBySecond[second] ?? []
                let e2e = rows.e2eBySecond[second] ?? []
                bucket.ttftMeanMs = ttft.isEmpty ? nil : ttft.reduce(0, +) / Double(ttft.count)
                bucket.ttftP95Ms = p95(ttft)
                bucket.e2eMeanMs = e2e.isEmpty ? nil : e2e.reduce(0, +) / Double(e2e.count)
                bucket.e2eP95Ms = p95(e2e)
            } else {
                bucket.ttftMeanMs = weightedMean(present.map { ($0.ttftMeanMs, $0.completed) })
                bucket.e2eMeanMs = weightedMean(present.map { ($0.e2eMeanMs, $0.completed) })
            }
            bucket.clientLoopDelayP99Ms = present.compactMap(\.clientLoopDelayP99Ms).max()
            bucket.clientLoopDelayMaxMs = present.compactMap(\.clientLoopDelayMaxMs).max()
            let saturation = present.compactMap(\.isClientSaturated)
            bucket.isClientSaturated = saturation.isEmpty ? nil : saturation.contains(true)
            return bucket
        }
    }

    private static func weightedMean(_ values: [(Double?, Int)]) -> Double? {
        let weighted = values.compactMap { value, weight in value.map { ($0, Double(weight)) } }
        let total = weighted.reduce(0) { $0 + $1.1 }
        return total > 0 ? weighted.reduce(0) { $0 + $1.0 * $1.1 } / total : nil
    }
}
