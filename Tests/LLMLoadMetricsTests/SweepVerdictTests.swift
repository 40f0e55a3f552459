import LLMLoadCore
import Testing

@testable import LLMLoadMetrics

/// Why a sweep point failed, in English and Chinese with the same figures: the first goal it
/// missed, in the order the goals are checked.
@Suite struct SweepVerdictTests {
    private let goals = SweepSummary.Goals(
        objectives: nil, goodputShare: 0.95, maxErrorRate: 0.1, minKeptUpShare: 0.95, precision: nil)

    private func point(_ change: (inout SweepSummary.Point) -> Void) -> SweepSummary.Point {
        var point = SweepSummary.Point(
            index: 0, folder: "p", offeredRatePerS: 8, concurrency: nil, requests: 80, succeeded: 70, latency: [:],
            passed: false)
        change(&point)
        return point
    }

    @Test func eachMissedGoalIsNamedInBothLanguages() throws {
        let cases: [(SweepSummary.Point, String, String)] = [
            (
                point { $0.errorRate = 0.125 }, "error rate 12.5 % over 10.0 %", "错误率 12.5 %，超过 10.0 %"
            ),
            (
                point { $0.keptUpShare = 0.5 },
                "the server completed 50.0 % of the requests sent while the load was steady (under 95.0 %)",
                "负载稳定期间，服务器只完成了已发送请求的 50.0 %（低于 95.0 %）"
            ),
            (point { $0.goodputShare = 0.6 }, "goodput 60.0 % under 95.0 %", "有效吞吐占比 60.0 %，低于 95.0 %"),
            (point { $0.succeeded = 0 }, "no request succeeded", "没有成功的请求"),
            (
                point {
                    $0.stopReason = "interrupted"
                    $0.chineseStopReason = "被中断"
                    $0.errorRate = 0.5
                },
                "ended early: interrupted", "提前结束：被中断"
            ),
        ]
        for (point, en, zh) in cases {
            let failure = try #require(SweepSummary.Point.failure(of: point, goals: goals))
            #expect(failure == SweepSummary.Text(en, zh: zh))
        }
        #expect(SweepSummary.Point.failure(of: point { $0.errorRate = 0.05 }, goals: goals) == nil)
    }
}
