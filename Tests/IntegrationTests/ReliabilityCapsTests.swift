import Foundation
import LLMLoadBackends
import LLMLoadCore
import LLMLoadMetrics
import Testing

/// The caps table of `docs/reliability.md` states each limit beside the constant that enforces
/// it: both are checked here, so neither the document nor the code can change alone.
@Suite struct ReliabilityCapsTests {
    /// The text the table must hold, the constant, and the value that text states.
    static let caps: [(text: String, constant: Int, stated: Int)] = [
        ("16 MiB (`LineFramer.maximumLineLength`)", LineFramer.maximumLineLength, 16 << 20),
        ("16 MiB (`SSEFramer.maximumEventLength`)", SSEFramer.maximumEventLength, 16 << 20),
        ("16 MiB (`OpenAIStreamDecoder.maximumBodyLength`)", OpenAIStreamDecoder.maximumBodyLength, 16 << 20),
        ("16 KiB (`ResponseLimits.errorBodyBytes`)", ResponseLimits.errorBodyBytes, 16 << 10),
        ("1 MiB each (`ResponseLimits.answerTextBytes`", ResponseLimits.answerTextBytes, 1 << 20),
        ("`ResponseLimits.answerTextBytes`, `reasoningTextBytes`)", ResponseLimits.reasoningTextBytes, 1 << 20),
        ("4 KiB as received, 2 KiB as written", ResponseLimits.receivedErrorTextBytes, 4 << 10),
        ("4 KiB as received, 2 KiB as written", ResponseLimits.shownErrorTextBytes, 2 << 10),
        ("100 000 (`ResponseLimits.storedTokenGaps`)", ResponseLimits.storedTokenGaps, 100_000),
        ("100 (`ErrorTally.maximumDistinct`)", ErrorTally.maximumDistinct, 100),
        ("50 (`Aggregator.maximumFinishReasons`)", Aggregator.maximumFinishReasons, 50),
    ]

    @Test func everyCapInTheTableIsTheOneTheCodeEnforces() throws {
        let document = try String(contentsOf: ReliabilityTable.url, encoding: .utf8)
        let parts = document.components(separatedBy: "\n## Caps\n")
        try #require(parts.count == 2, "docs/reliability.md has one \"## Caps\" section")
        let section = parts[1]
        for cap in Self.caps {
            #expect(section.contains(cap.text), "docs/reliability.md, Caps: no \(cap.text)")
            #expect(cap.constant == cap.stated, "\(cap.text): the code says \(cap.constant)")
        }
    }
}
