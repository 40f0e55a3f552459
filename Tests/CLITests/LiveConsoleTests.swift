import LLMLoadCore
import LLMLoadRunner
import Testing

@testable import LLMLoadCLI

@Suite struct LiveConsoleTests {
    private let snapshot = LiveProgress.Snapshot(
        elapsed: .milliseconds(12_340), dispatched: 120, inFlight: 10, finished: 110, failed: 2, outputTokens: 9000,
        recentRequestsPerSecond: 8.46, recentOutputTokensPerSecond: 412.4, ttftP50: .microseconds(85_300)
    )

    @Test func oneLineHoldsEveryLiveFigure() {
        #expect(
            LiveConsole.line(snapshot, total: .seconds(60))
                == "[ 12.3s / 60s] sent 120  done 110  failed 2  in flight 10  8.5 req/s  412 tok/s  TTFT P50 85 ms"
        )
    }

    @Test func pastThePlannedLengthItSaysItIsDraining() {
        #expect(LiveConsole.line(snapshot, total: .seconds(10)).hasPrefix("[ 12.3s / 10s draining] sent 120"))
        var drained = snapshot
        drained.inFlight = 0
        #expect(LiveConsole.line(drained, total: .seconds(10)).hasPrefix("[ 12.3s / 10s] sent 120"))
    }

    @Test func beforeTheFirstAnswerTheMedianIsADash() {
        var early = snapshot
        early.ttftP50 = nil
        #expect(LiveConsole.line(early, total: .seconds(5)).hasSuffix("TTFT P50 –"))
    }

    @Test func aTerminalLineIsCutBeforeItWraps() {
        let line = LiveConsole.line(snapshot, total: .seconds(60))
        #expect(LiveConsole.fit(line, columns: 40).count == 39)
        #expect(LiveConsole.fit(line, columns: 200) == line)
        #expect(LiveConsole.fit(line, columns: nil) == line)
    }

    @Test func inChineseTheLineHoldsTheSameFigures() {
        #expect(
            LiveConsole.line(snapshot, total: .seconds(10), language: .zh)
                == "[ 12.3s / 10s 收尾中] 已发送 120  完成 110  失败 2  进行中 10  8.5 请求/秒  412 token/秒"
                + "  首 token 延迟 P50 85 ms")
    }

    @Test func aChineseLineIsCutByTheColumnsItTakes() {
        let line = LiveConsole.line(snapshot, total: .seconds(60), language: .zh)
        let cut = LiveConsole.fit(line, columns: 40)
        // Each Chinese character takes two columns: the cut never passes 39 of them.
        #expect(TerminalText.width(cut) <= 39 && TerminalText.width(cut) >= 38)
        #expect(cut.count < 39)
    }

    @Test func refreshesFourTimesASecondOnATerminalAndEveryFiveSecondsElsewhere() {
        #expect(LiveConsole(isTerminal: true, total: .seconds(1)).interval == .milliseconds(250))
        #expect(LiveConsole(isTerminal: false, total: .seconds(1)).interval == .seconds(5))
    }
}
