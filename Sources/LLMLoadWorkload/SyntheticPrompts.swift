import Foundation
import LLMLoadCore

/// Prompts of a target length in server tokens (`--input-tokens`), cut from a corpus and
/// fitted by ``PromptCalibrator`` before the run.
///
/// Each request's length is drawn from the distribution with a generator seeded by the run's
/// seed and the request's index (so the order requests are built in does not matter), then
/// snapped to the nearest of the fitted lengths: one for a fixed length, lengths 2 % apart for
/// a range or a distribution. The request's target is that fitted length.
public struct SyntheticPrompts: PromptSource {
    public let length: InputLength
    public let seed: UInt64
    /// The fitted lengths, ascending.
    public let levels: [Int]
    public let sharedPrefix: String
    private let bodies: [Int: String]

    /// - Precondition: `bodies` has a text for every one of `levels(for: length)`.
    public init(length: InputLength, seed: UInt64, sharedPrefix: String, bodies: [Int: String]) {
        self.length = length
        self.seed = seed
        self.levels = Self.levels(for: length)
        self.sharedPrefix = sharedPrefix
        self.bodies = bodies
        precondition(levels.allSatisfy { bodies[$0] != nil }, "every length needs a fitted text")
    }

    /// The lengths to fit for `length`: its value, or 2 % steps from its lowest to its highest.
    public static func levels(for length: InputLength) -> [Int] {
        let bounds = length.bounds
        var levels = [bounds.lowerBound]
        while let last = levels.last, last < bounds.upperBound {
            levels.append(min(bounds.upperBound, max(last + 1, Int((Double(last) * 1.02).rounded()))))
        }
        return levels
    }

    /// The fitted length request `index` asks for.
    public func targetTokens(forRequest index: Int) -> Int {
        var generator = SplitMix64(seed: seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
        let wanted = length.sample(using: &generator)
        let above = levels.firstIndex { $0 >= wanted } ?? levels.count - 1
        guard above > 0 else { return levels[above] }
        let (low, high) = (levels[above - 1], levels[above])
        return wanted - low < high - wanted ? low : high
    }

    public func plannedPrompt(forRequest index: Int, tag: String?) -> PlannedPrompt {
        let target = targetTokens(forRequest: index)
        let text = Self.text(shared: sharedPrefix, tag: tag, body: bodies[target] ?? "")
        return PlannedPrompt(Prompt(text), targetTokens: target)
    }

    /// A whole prompt: the shared prefix (if any), the request's tag, the fitted text.
    static func text(shared: String, tag: String?, body: String) -> String {
        (shared.isEmpty ? "" : shared + PromptCalibrator.sharedSeparator) + (tag ?? "") + body
    }
}
