import LLMLoadCore
import Synchronization
import Testing

@testable import LLMLoadWorkload

/// A server's count that is not proportional to the text: each word is a token per three
/// letters, each punctuation mark one more, plus a fixed template; `cap` cuts long prompts.
final class FakeServerCounter: TokenCounter {
    let template: Int
    let cap: Int?
    private let calls = Mutex(0)

    init(template: Int = 11, cap: Int? = nil) {
        self.template = template
        self.cap = cap
    }

    var countsMade: Int { calls.withLock { $0 } }

    static func tokens(_ text: String) -> Int {
        text.split(whereSeparator: \.isWhitespace).reduce(0) { sum, word in
            let letters = word.filter { $0.isLetter || $0.isNumber }.count
            return sum + (letters + 2) / 3 + (word.count - letters)
        }
    }

    func count(_ text: String) async throws -> Int {
        calls.withLock { $0 += 1 }
        let count = Self.tokens(text) + template
        return cap.map { min($0, count) } ?? count
    }
}

struct FlatCounter: TokenCounter {
    func count(_ text: String) async throws -> Int { 42 }
}

@Suite struct PromptCalibratorTests {
    let tag = PromptTag(run: "abc12")

    @Test func everyLengthIsMetWithinTwoTenthsOfAPercent() async throws {
        let counter = FakeServerCounter()
        let calibrator = PromptCalibrator(corpus: .builtIn, counter: counter, tag: tag, seed: 42)
        let length = InputLength.uniform(1000, 4096)
        let levels = SyntheticPrompts.levels(for: length)
        let result = try await calibrator.calibrate(levels: levels, sharedPrefixTokens: nil)
        #expect(result.sharedPrefix.isEmpty && result.sharedPrefixTokens == nil)
        #expect(Set(result.bodies.keys) == Set(levels))
        let prompts = SyntheticPrompts(length: length, seed: 42, sharedPrefix: "", bodies: result.bodies)
        for index in [0, 1, 17, 999, 12_345] {
            let planned = prompts.plannedPrompt(forRequest: index, tag: tag.text(forRequest: index))
            let target = try #require(planned.targetTokens)
            let counted = try await counter.count(planned.prompt.text)
            #expect(abs(counted - target) <= max(2, target / 500) + 2, "request \(index): \(counted) for \(target)")
        }
        #expect(result.maxErrorTokens <= 4096 / 500)
        #expect(result.serverCounts <= 2 + 10 * levels.count)
        #expect(counter.countsMade == result.serverCounts + 5)
        // Different lengths start at different places in the corpus.
        #expect(Set(result.bodies.values.map { $0.prefix(40) }).count > levels.count / 2)
    }

    @Test func aSharedPrefixIsTheSameTextAndAsLongAsAsked() async throws {
        let counter = FakeServerCounter()
        let calibrator = PromptCalibrator(corpus: .builtIn, counter: counter, tag: tag, seed: 7)
        let result = try await calibrator.calibrate(levels: [2048], sharedPrefixTokens: 1024)
        let shared = try #require(result.sharedPrefixTokens)
        #expect(abs(shared - 1024) <= 2)
        #expect(abs(FakeServerCounter.tokens(result.sharedPrefix) - 1024) <= 3)
        let prompts = SyntheticPrompts(
            length: .fixed(2048), seed: 7, sharedPrefix: result.sharedPrefix, bodies: result.bodies)
        let first = prompts.plannedPrompt(forRequest: 3, tag: tag.text(forRequest: 3)).prompt.text
        #expect(first.hasPrefix(result.sharedPrefix + "\n\n[abc12-000003] "), "the tag follows the shared prefix")
        #expect(abs(try await counter.count(first) - 2048) <= 6)
    }

    @Test func aServerThatCutsLongPromptsStopsTheRunWithTheFigure() async {
        let calibrator = PromptCalibrator(
            corpus: .builtIn, counter: FakeServerCounter(cap: 2000), tag: tag, seed: 1)
        await #expect {
            _ = try await calibrator.calibrate(levels: [4096], sharedPrefixTokens: nil)
        } throws: { error in
            let text = (error as? CalibrationError)?.description ?? ""
            return text.contains("4096") && text.contains("at most 2000") && text.contains("cuts longer prompts")
        }
    }

    @Test func aLengthBelowTheTemplateIsRefused() async {
        let calibrator = PromptCalibrator(corpus: .builtIn, counter: FakeServerCounter(template: 30), tag: tag, seed: 1)
        await #expect {
            _ = try await calibrator.calibrate(levels: [20], sharedPrefixTokens: nil)
        } throws: { error in
            (error as? CalibrationError)?.description.contains("shortest prompt the server counts") == true
        }
    }

    @Test func countsThatDoNotGrowAreRefused() async {
        let calibrator = PromptCalibrator(corpus: .builtIn, counter: FlatCounter(), tag: nil, seed: 1)
        await #expect {
            _ = try await calibrator.calibrate(levels: [500], sharedPrefixTokens: nil)
        } throws: { error in
            (error as? CalibrationError)?.description.contains("do not grow") == true
        }
    }
}

@Suite struct SyntheticPromptsTests {
    @Test func lengthsAreTwoPercentApartFromLowestToHighest() {
        #expect(SyntheticPrompts.levels(for: .fixed(2048)) == [2048])
        let levels = SyntheticPrompts.levels(for: .uniform(1000, 4096))
        #expect(levels.first == 1000 && levels.last == 4096)
        #expect(
            zip(levels, levels.dropFirst()).allSatisfy { low, high in high > low && Double(high) <= Double(low) * 1.021
            })
        #expect(SyntheticPrompts.levels(for: .uniform(5, 9)) == [5, 6, 7, 8, 9], "at least one token apart")
    }

    @Test func eachRequestGetsTheNearestLengthTheSameWhateverTheOrder() {
        let length = InputLength.uniform(1000, 4096)
        let levels = SyntheticPrompts.levels(for: length)
        let prompts = SyntheticPrompts(
            length: length, seed: 42, sharedPrefix: "",
            bodies: Dictionary(uniqueKeysWithValues: levels.map { ($0, "b\($0)") }))
        let forward = (0..<2000).map { prompts.targetTokens(forRequest: $0) }
        let backward = (0..<2000).reversed().map { prompts.targetTokens(forRequest: $0) }.reversed()
        #expect(forward == Array(backward))
        #expect(forward.allSatisfy(levels.contains))
        let mean = Double(forward.reduce(0, +)) / Double(forward.count)
        #expect(abs(mean - 2548) < 60, "uniform over the range: \(mean)")
        let planned = prompts.plannedPrompt(forRequest: 5, tag: "[t-5] ")
        #expect(planned.prompt.text == "[t-5] b\(forward[5])")
        #expect(planned.targetTokens == forward[5])
        #expect(prompts.plannedPrompt(forRequest: 5, tag: nil).prompt.text == "b\(forward[5])")
    }
}

@Suite struct PromptTagTests {
    @Test func everyTagOfARunHasTheSameShape() {
        let tag = PromptTag(run: "k3x9a")
        #expect(tag.text(forRequest: 0) == "[k3x9a-000000] ")
        #expect(tag.text(forRequest: 12_345) == "[k3x9a-012345] ")
        #expect(tag.text(forRequest: 1_234_567) == "[k3x9a-1234567] ", "past six digits it grows")
    }
}
