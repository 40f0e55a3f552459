import LLMLoadCore
import Testing

@Suite struct TokenSplitTests {
    let chunks = TokenSplit.ChunkCounts(reasoning: 7, answer: 5)

    @Test func theServersReasoningCountSplitsItsOutputCount() {
        let split = TokenSplit.split(
            output: TokenCount(50, source: .server), serverReasoning: 20, hasReasoning: true, chunks: chunks)
        #expect(split.thinking == TokenCount(20, source: .server))
        #expect(split.answer == TokenCount(30, source: .server))
    }

    @Test func withoutTheServersCountTheChunksOfEachKindAreCountedAndSaidToBeEstimates() {
        let split = TokenSplit.split(
            output: TokenCount(50, source: .server), serverReasoning: nil, hasReasoning: true, chunks: chunks)
        #expect(split.thinking == TokenCount(7, source: .estimated))
        #expect(split.answer == TokenCount(5, source: .estimated))
    }

    @Test func aRequestThatDidNotReasonHasNoThinkingAndItsWholeOutputIsTheAnswer() {
        let output = TokenCount(12, source: .server)
        let split = TokenSplit.split(
            output: output, serverReasoning: nil, hasReasoning: false, chunks: .init(reasoning: 0, answer: 12))
        #expect(split.thinking == nil && split.answer == output)
    }

    @Test func aReasoningCountThatCannotBeRightFallsBackToChunks() {
        // More reasoning than output, or an estimated output: the answer is not derived from it.
        let tooMany = TokenSplit.split(
            output: TokenCount(10, source: .server), serverReasoning: 20, hasReasoning: true, chunks: chunks)
        #expect(tooMany.thinking == TokenCount(20, source: .server))
        #expect(tooMany.answer == TokenCount(5, source: .estimated))
        let negative = TokenSplit.split(
            output: TokenCount(10, source: .server), serverReasoning: -1, hasReasoning: true, chunks: chunks)
        #expect(negative.thinking == TokenCount(7, source: .estimated))
    }

    @Test func oneJSONBodyCountsNoChunks() {
        let split = TokenSplit.split(
            output: TokenCount(50, source: .server), serverReasoning: nil, hasReasoning: true, chunks: nil)
        #expect(split.thinking == nil && split.answer == nil)
    }
}
