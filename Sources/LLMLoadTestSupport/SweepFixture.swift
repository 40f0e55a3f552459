import LLMLoadCore
import LLMLoadMetrics

/// A hand-made sweep for the tests of its outputs: five open-loop rates, 1 to 16 req/s, of
/// which the first three pass, the fourth fails on errors and the fifth ended early. Latency
/// grows with the rate, so a chart that drew the points out of order would show it.
public enum SweepFixture {
    /// - Parameter hasGPU: whether the points carry GPU maxima.
    public static func summary(hasGPU: Bool = true, mode: SweepSummary.Mode = .rates) -> SweepSummary {
        let goals = SweepSummary.Goals(
            objectives: .init(ttftMs: 500, tpotMs: nil, e2eMs: 2000), goodputShare: 0.95, maxErrorRate: 0.1,
            minKeptUpShare: 0.95, precision: mode == .findMaxRate ? 0.05 : nil)
        let loads: [Double] = [1, 2, 4, 8, 16]
        let points = loads.enumerated().map { index, load in
            point(index, load: load, mode: mode, hasGPU: hasGPU)
        }
        let found =
            mode == .findMaxRate
            ? SweepSummary.Found(
                maxRatePerS: 4, firstFailingRatePerS: 8, precisionReached: 1,
                evidence: .init(
                    "4.00 req/s passed and 8.00 req/s failed (error rate 12.5 % over 10.0 %)",
                    zh: "4.00 请求/秒通过，8.00 请求/秒未通过（错误率 12.5 %，超过 10.0 %）"))
            : nil
        return SweepSummary(
            toolVersion: "0.9.0", mode: mode, startedAt: "2026-12-01T10:00:00Z", endedAt: "2026-12-01T10:05:00Z",
            interrupted: false, goals: goals, points: points, found: found)
    }

    /// Point `index` at `load` (req/s, or users for a closed loop).
    public static func point(_ index: Int, load: Double, mode: SweepSummary.Mode, hasGPU: Bool) -> SweepSummary.Point {
        let isClosed = mode == .concurrencies
        let ttft = 100 * load
        var latency: [String: SweepSummary.Percentiles] = [
            "ttft_ms": .init(p50: ttft, p90: ttft * 1.5, p99: ttft * 2),
            "e2e_ms": .init(p50: 1000 + ttft, p90: 1200 + ttft * 1.5, p99: 1500 + ttft * 2),
            "itl_ms": .init(p50: 10 + load, p90: 12 + load, p99: 20 + load),
            "tpot_ms": .init(p50: 11 + load, p90: 13 + load, p99: 21 + load),
        ]
        latency["decode_speed_tokens_per_s"] = .init(p50: 100 / (1 + load / 8), p90: 90, p99: 80)
        var p = SweepSummary.Point(
            index: index, folder: "point-\(index)", offeredRatePerS: isClosed ? nil : load,
            concurrency: isClosed ? Int(load) : nil, requests: Int(load) * 60, succeeded: Int(load) * 60,
            latency: latency, passed: load <= 4)
        let achieved = load <= 4 ? load * 0.99 : 4.2
        p.achievedRatePerS = achieved
        p.steadyRatePerS = achieved * 1.01
        p.keptUpShare = isClosed ? nil : achieved * 1.01 / load
        p.errorRate = load == 8 ? 0.125 : 0
        p.succeeded = p.requests - Int((Double(p.requests) * (p.errorRate ?? 0)).rounded())
        p.outputTokensPerS = achieved * 120
        p.perUserTokensPerS = 100 / (1 + load / 8)
        p.goodputShare = load <= 4 ? 0.99 : 0.6
        p.cpuMaxPercent = 20 + load
        // Every point carries the client's CPU, so that the round-trip tests read it back.
        p.clientCpuCores = 0.05 * load
        if hasGPU {
            p.gpuUtilizationMaxPercent = min(100, 30 + 10 * load)
            p.gpuMemoryMaxBytes = 8 * 1_073_741_824 + load * 268_435_456
        }
        if load == 16 { (p.stopReason, p.chineseStopReason) = ("error rate over 10.0 %", "错误率超过 10.0 %") }
        if load == 8 {
            (p.failedBecause, p.chineseFailedBecause) = ("error rate 12.5 % over 10.0 %", "错误率 12.5 %，超过 10.0 %")
        }
        if load == 16 {
            (p.failedBecause, p.chineseFailedBecause) = ("ended early: error rate over 10.0 %", "提前结束：错误率超过 10.0 %")
        }
        return p
    }
}
