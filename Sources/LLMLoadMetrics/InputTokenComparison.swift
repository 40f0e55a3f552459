import LLMLoadCore

/// Each request's prompt count from the server against the length it was built to have
/// (`--input-tokens`). A count more than the tolerance below the target means the server cut
/// the prompt (Ollama does so silently at its context window), or the prompt was not what the
/// run meant to send.
public struct InputTokenComparison: Sendable {
    /// The first requests found short, listed by index in the summary.
    public static let listedShortRequests = 20

    public private(set) var requests = 0
    public private(set) var serverCounted = 0
    public private(set) var withinTolerance = 0
    public private(set) var shorter = 0
    public private(set) var longer = 0
    public private(set) var deviationSum = 0
    public private(set) var minimumDeviation: Int?
    public private(set) var maximumDeviation: Int?
    /// The largest |count − target| / target.
    public private(set) var maximumRelativeDeviation = 0.0
    public private(set) var shortRequestIndexes: [Int] = []

    public init() {}

    public mutating func add(_ record: RequestRecord) {
        guard let target = record.targetPromptTokens else { return }
        requests += 1
        guard let counted = record.promptTokens, counted.source == .server else { return }
        serverCounted += 1
        // Saturating: the count is the server's and may be anything up to Int.max.
        let deviation = counted.value.saturatingSubtracting(target)
        deviationSum = deviationSum.saturatingAdding(deviation)
        minimumDeviation = min(minimumDeviation ?? deviation, deviation)
        maximumDeviation = max(maximumDeviation ?? deviation, deviation)
        maximumRelativeDeviation = max(
            maximumRelativeDeviation, Double(deviation.magnitude) / Double(max(1, target)))
        let tolerance = InputLength.tolerance(forTarget: target)
        if deviation < -tolerance {
            shorter += 1
            if shortRequestIndexes.count < Self.listedShortRequests { shortRequestIndexes.append(record.index) }
        } else if deviation > tolerance {
            longer += 1
        } else {
            withinTolerance += 1
        }
    }
}
