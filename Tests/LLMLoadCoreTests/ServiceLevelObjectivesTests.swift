import LLMLoadCore
import Testing

@Suite struct ServiceLevelObjectivesTests {
    @Test func parsesAnySubsetWithUnits() throws {
        #expect(
            try ServiceLevelObjectives.parse("ttft=500ms,tpot=50ms,e2e=10s")
                == ServiceLevelObjectives(
                    timeToFirstToken: .milliseconds(500), timePerOutputToken: .milliseconds(50),
                    endToEndLatency: .seconds(10)
                )
        )
        #expect(try ServiceLevelObjectives.parse("e2e=1.5m") == ServiceLevelObjectives(endToEndLatency: .seconds(90)))
        #expect(
            try ServiceLevelObjectives.parse("TTFT = 250")
                == ServiceLevelObjectives(timeToFirstToken: .milliseconds(250)))
    }

    @Test(arguments: ["", "ttft", "ttft=fast", "itl=5ms", "ttft=0ms", "ttft=-1s"])
    func rejectsWhatItCannotRead(text: String) {
        #expect(throws: ConfigurationError.self) { try ServiceLevelObjectives.parse(text) }
    }

    let sent = ContinuousClock.now

    func record(ttft: Int?, e2e: Int, tokens: Int, outcome: RequestOutcome = .ok) -> RequestRecord {
        RequestRecord(
            index: 0, scheduledAt: sent, sentAt: sent, firstTokenAt: ttft.map { sent + .milliseconds($0) },
            finishedAt: sent + .milliseconds(e2e), outcome: outcome, outputTokens: TokenCount(tokens, source: .server)
        )
    }

    @Test func aRequestMeetsTheObjectivesOnlyWithinEveryBound() {
        let objectives = ServiceLevelObjectives(
            timeToFirstToken: .milliseconds(100), timePerOutputToken: .milliseconds(10), endToEndLatency: .seconds(1)
        )
        #expect(objectives.isMet(by: record(ttft: 100, e2e: 190, tokens: 10)), "bounds are inclusive")
        #expect(!objectives.isMet(by: record(ttft: 101, e2e: 190, tokens: 10)))
        #expect(!objectives.isMet(by: record(ttft: 50, e2e: 200, tokens: 10)), "TPOT (200 − 50) / 9 > 10 ms")
        #expect(!objectives.isMet(by: record(ttft: 50, e2e: 1001, tokens: 1000)))
        #expect(!objectives.isMet(by: record(ttft: 50, e2e: 60, tokens: 2, outcome: .streamError)))
        #expect(objectives.isMet(by: record(ttft: 50, e2e: 900, tokens: 1)), "no decode phase, no TPOT")
        #expect(!objectives.isMet(by: record(ttft: nil, e2e: 90, tokens: 5)), "no TTFT cannot meet a TTFT bound")
        #expect(ServiceLevelObjectives(endToEndLatency: .seconds(1)).isMet(by: record(ttft: nil, e2e: 90, tokens: 5)))
    }
}
