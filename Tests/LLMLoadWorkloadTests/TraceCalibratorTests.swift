import LLMLoadCore
import Testing

@testable import LLMLoadWorkload

/// Trace prompts against a count that is not proportional to the text: every entry's length
/// met, hash ids shared as text, answers capped at the trace's lengths.
@Suite struct TraceCalibratorTests {
    let tag = PromptTag(run: "abc12")

    func entry(_ input: Int, _ output: Int, _ ids: [Int], line: Int) -> Trace.Entry {
        Trace.Entry(
            offset: .milliseconds(line * 100), inputTokens: input, outputTokens: output, hashIDs: ids, line: line)
    }

    /// The length of the text both start with, in characters.
    func commonPrefix(_ a: String, _ b: String) -> Int {
        zip(a, b).prefix { $0 == $1 }.count
    }

    @Test func everyEntryIsMetAndSharedIdsShareTheirText() async throws {
        let counter = FakeServerCounter()
        let trace = Trace(
            path: "t.jsonl", format: .mooncake, blockTokens: 64,
            entries: [
                entry(400, 10, [1, 2, 3, 4], line: 1),
                entry(430, 20, [1, 2, 3, 9], line: 2),
                entry(400, 10, [1, 2, 3, 4], line: 3),
                entry(90, 5, [7, 2], line: 4),
                entry(300, 7, [], line: 5),
                entry(300, 7, [], line: 6),
            ])
        let result = try await TraceCalibrator(corpus: .builtIn, counter: counter, tag: tag, seed: 42).calibrate(trace)
        #expect(result.fits == 5, "lines 1 and 3 have the same ids and length; unshared entries are fitted each")
        #expect(result.raisedEntries == 0)
        let prompts = result.prompts
        var texts: [String] = []
        for (index, entry) in trace.entries.enumerated() {
            let planned = prompts.plannedPrompt(forRequest: index, tag: tag.text(forRequest: index))
            #expect(planned.targetTokens == entry.inputTokens && planned.maxOutputTokens == entry.outputTokens)
            let counted = try await counter.count(planned.prompt.text)
            #expect(
                abs(counted - entry.inputTokens) <= 3,
                "line \(entry.line): \(counted) for \(entry.inputTokens)")
            texts.append(planned.prompt.text)
        }
        // Words of two or three tokens each: the nearest count may be a token or two off.
        #expect(result.maxErrorTokens <= 3)
        // Shared ids: one header for the run, then the same blocks.
        let header = TracePrompts.sharedHeader(tag)
        #expect(texts[0...3].allSatisfy { $0.hasPrefix(header) })
        #expect(texts[0] == texts[2])
        let blocks = prompts.text.wordsPerBlock
        let firstThree = header + prompts.text.body(of: trace.entries[0], index: 0, words: 3 * blocks)
        #expect(texts[1].hasPrefix(firstThree + " "), "ids 1, 2, 3 in common: three blocks of text in common")
        #expect(commonPrefix(texts[0], texts[1]) < firstThree.count + 40, "then the fourth block differs")
        #expect(counter.tokensOf(firstThree) - counter.tokensOf(header) > 3 * 64 * 8 / 10, "about 64 tokens a block")
        // Id 2 in second place shares nothing with id 2 after id 1: prompts share leading ids only.
        #expect(commonPrefix(texts[3], texts[0]) <= header.count + 10)
        // Unshared entries start with their own tag and have their own text.
        #expect(texts[4].hasPrefix(tag.text(forRequest: 4)) && texts[5].hasPrefix(tag.text(forRequest: 5)))
        #expect(commonPrefix(String(texts[4].dropFirst(14)), String(texts[5].dropFirst(14))) < 20)
        // No count left a prompt of the load in a server's cache: each began with another tag.
        #expect(counter.countsMade == result.serverCounts + trace.entries.count)
    }

    @Test func theSameSeedGivesTheSamePromptsAndAnotherSeedOthers() async throws {
        let trace = Trace(
            path: "t.jsonl", format: .mooncake, blockTokens: 32, entries: [entry(100, 1, [5, 6, 7], line: 1)])
        func text(seed: UInt64) async throws -> String {
            try await TraceCalibrator(corpus: .builtIn, counter: FakeServerCounter(), tag: nil, seed: seed)
                .calibrate(trace).prompts.plannedPrompt(forRequest: 0, tag: nil).prompt.text
        }
        #expect(try await text(seed: 1) == (try await text(seed: 1)))
        #expect(try await text(seed: 1) != (try await text(seed: 2)))
    }

    @Test func anEntryBelowTheShortestPromptIsRaisedAndOneTheServerCutsStopsTheFitting() async throws {
        let short = Trace(
            path: "t.csv", format: .burstGPT, entries: [entry(3, 1, [], line: 2), entry(100, 1, [], line: 3)])
        let raised = try await TraceCalibrator(corpus: .builtIn, counter: FakeServerCounter(), tag: tag, seed: 1)
            .calibrate(short)
        #expect(raised.raisedEntries == 1)
        let long = Trace(
            path: "t.csv", format: .burstGPT, entries: [entry(100, 1, [], line: 2), entry(5000, 1, [], line: 9)])
        await #expect {
            try await TraceCalibrator(corpus: .builtIn, counter: FakeServerCounter(cap: 2000), tag: tag, seed: 1)
                .calibrate(long)
        } throws: { error in
            "\(error)".hasPrefix(
                "line 9 of the trace: could not build a prompt of 5000 tokens: the server counted at most 2000")
        }
    }
}

extension FakeServerCounter {
    /// The count of `text` without the template.
    func tokensOf(_ text: String) -> Int { Self.tokens(text) }
}
