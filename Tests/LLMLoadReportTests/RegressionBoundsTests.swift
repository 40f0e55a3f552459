import Foundation
import LLMLoadCore
import Testing

@testable import LLMLoadReport

@Suite struct RegressionBoundsTests {
    @Test func parsesRelativeAbsoluteAndRateBounds() throws {
        let bounds = try RegressionBounds.parse("ttft.p99=10%, e2e.p50=50ms,error_rate=0.01,timeout_rate=2%")
        #expect(
            bounds.bounds == [
                .init(key: "ttft.p99", limit: .relative(0.1)), .init(key: "e2e.p50", limit: .absolute(50)),
                .init(key: "error_rate", limit: .absolute(0.01)), .init(key: "timeout_rate", limit: .absolute(0.02)),
            ])
    }

    @Test(arguments: [
        ("ttft.p98=10%", RegressionBoundsError.unknownFigure("ttft.p98")),
        ("ttft.p99", .malformed("ttft.p99")),
        ("itl.p99=10%", .noInterval("itl.p99")),
        ("ttft.p99=10%,", .malformed("")),
        ("ttft.p99=10%,ttft.p99=5%", .repeated("ttft.p99")),
        ("error_rate=2", .badValue(key: "error_rate", value: "2", expected: "")),
        ("ttft.p99=10", .badValue(key: "ttft.p99", value: "10", expected: "")),
        ("ttft.p99=-5%", .badValue(key: "ttft.p99", value: "-5%", expected: "")),
        ("decode_speed.p50=5ms", .badValue(key: "decode_speed.p50", value: "5ms", expected: "")),
        // Any figure not in milliseconds, not only the one named after decode speed.
        ("server_decode_speed.p50=5ms", .badValue(key: "server_decode_speed.p50", value: "5ms", expected: "")),
    ])
    func refusesABadSpecificationSayingWhy(_ text: String, _ expected: RegressionBoundsError) {
        #expect {
            try RegressionBounds.parse(text)
        } throws: { error in
            // The expected text of a bad value is the rule for its kind, checked below once.
            switch (error as? RegressionBoundsError, expected) {
            case (.badValue(let key, let value, _)?, .badValue(let expectedKey, let expectedValue, _)):
                return key == expectedKey && value == expectedValue
            case (let error?, _): return error == expected
            default: return false
            }
        }
    }

    @Test func theMessagesSayWhatIsExpected() {
        #expect(RegressionBoundsError.unknownFigure("x").description.contains("ttft.p99, "))
        #expect(throws: RegressionBoundsError.self) { try RegressionBounds.parse("ttft.p99=10") }
        do {
            _ = try RegressionBounds.parse("ttft.p99=10")
        } catch {
            #expect("\(error)".contains("10%"), "\(error)")
        }
        #expect(RegressionBoundsError.noInterval("itl.p50").description.contains("one mean gap per request"))
    }

    @Test func aRunWorseBeyondTheBoundWithConfidenceFails() throws {
        let a = try RunComparisonTests.fixtureRun()
        let comparison = RunComparison(runs: [a, RunComparisonTests.scaled(a, by: 1.1)])
        // E2E spreads less than TTFT in the fixture (400–500 ms): its interval is tight.
        let failing = try RegressionBounds.parse("e2e.p90=5%").check(comparison)
        #expect(failing.failures.count == 1)
        #expect(failing.failures.first?.hasPrefix("B is worse than A: e2e.p90 +10.0 % (95 % CI +") == true)
        #expect(failing.unchecked.isEmpty)
        let passing = try RegressionBounds.parse("e2e.p90=20%,e2e.p99=500ms").check(comparison)
        #expect(passing == .init())
        // Faster is never worse.
        let faster = RunComparison(runs: [a, RunComparisonTests.scaled(a, by: 0.8)])
        #expect(try RegressionBounds.parse("ttft.p50=1%,e2e.p90=0ms").check(faster) == .init())
    }

    @Test func noiseWithinTheIntervalDoesNotFail() throws {
        let a = try RunComparisonTests.fixtureRun()
        // 1 % slower: the interval (the TTFTs spread over 100 ms) reaches below a 0.5 % bound.
        let comparison = RunComparison(runs: [a, RunComparisonTests.scaled(a, by: 1.01)])
        #expect(try RegressionBounds.parse("ttft.p50=0.5%").check(comparison).failures.isEmpty)
    }

    @Test func anErrorRateIsCheckedInPercentagePoints() throws {
        let a = try RunComparisonTests.fixtureRun()
        var b = a
        b.summary.requests.errorRate = (a.summary.requests.errorRate ?? 0) + 0.02
        let comparison = RunComparison(runs: [a, b])
        let verdict = try RegressionBounds.parse("error_rate=0.01").check(comparison)
        #expect(verdict.failures == ["B is worse than A: error_rate +2.0 pp beyond the bound +1.0 pp"])
        #expect(try RegressionBounds.parse("error_rate=3%").check(comparison) == .init())
    }

    @Test func aBoundWithoutAnIntervalIsUncheckedNotPassed() throws {
        let a = try RunComparisonTests.fixtureRun()
        var b = RunComparisonTests.scaled(a, by: 1.5)
        b.samples = [:]
        let verdict = try RegressionBounds.parse("ttft.p50=5%").check(RunComparison(runs: [a, b]))
        #expect(verdict.failures.isEmpty)
        #expect(verdict.unchecked.count == 1)
    }

    @Test func everyLaterRunIsCheckedAgainstA() throws {
        let a = try RunComparisonTests.fixtureRun()
        let comparison = RunComparison(runs: [a, a, RunComparisonTests.scaled(a, by: 1.2)])
        let verdict = try RegressionBounds.parse("e2e.p90=5%").check(comparison)
        #expect(verdict.failures.count == 1)
        #expect(verdict.failures.first?.hasPrefix("C is worse than A: e2e.p90") == true)
    }
}
