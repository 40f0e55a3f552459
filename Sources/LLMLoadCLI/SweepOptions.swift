import ArgumentParser
import LLMLoadRunner

/// The flags of `llmload sweep` that choose its points and judge them; every `run` flag applies
/// to each point as well.
struct SweepOptions: ParsableArguments {
    /// What `--find` searches for.
    enum Target: String, ExpressibleByArgument, CaseIterable {
        case maxRate = "max-rate"
    }

    @Option(
        help: ArgumentHelp(
            "Open-loop rates, one point each: a list (10,20,50) or a range (10-500, with --steps).",
            valueName: "rates"),
        transform: { try RateList.parse($0) })
    var rates: RateList?

    @Option(help: "With a --rates range: how many rates, spaced by a constant factor. Default: 8.")
    var steps: Int?

    @Option(
        help: ArgumentHelp("Closed-loop user counts, one point each: 1,2,4,8.", valueName: "users"),
        transform: { text in
            try text.split(separator: ",", omittingEmptySubsequences: false).map { part in
                guard let count = Int(part) else { throw ValidationError("\(part) is not a whole number of users") }
                return count
            }
        })
    var concurrencies: [Int]?

    @Option(help: "Search instead of a list: max-rate, the highest rate that meets every goal.")
    var find: Target?

    @Option(help: "With --find: the first rate tried. Default: 1.")
    var startRate: Double = 1

    @Option(help: "With --find: the highest rate tried. Default: 10000.")
    var rateLimit: Double = 10_000

    @Option(
        help: "With --find: stop when the bracket is this narrow, relative to its low end (5%, or 0.05). Default: 5%.",
        transform: { try ShareArgument.parse($0) })
    var precision: Double = 0.05

    @Option(
        help: "The share of requests that must meet every --slo bound for a point to pass (0.95 or 95%).",
        transform: { try ShareArgument.parse($0) })
    var goodput: Double?

    @Option(
        help: "Above this share of failed requests a point fails and ends early (10%, or 0.1). Default: 10%.",
        transform: { try ShareArgument.parse($0) })
    var maxErrorRate: Double = 0.1

    @Option(help: "The wait between points, so the server's queue drains: 10s, 500ms. Default: 5s.")
    var pause: DurationArgument = .init(.seconds(5))

    @Flag(help: "Run every listed point, even the heavier ones after a point failed.")
    var keepGoing = false

    func validate() throws {
        let given = [rates != nil, concurrencies != nil, find != nil].filter { $0 }.count
        guard given == 1 else {
            throw ValidationError("give one of --rates, --concurrencies or --find max-rate")
        }
        if let steps {
            guard case .range = rates else { throw ValidationError("--steps needs a --rates range such as 10-500") }
            guard (2...100).contains(steps) else { throw ValidationError("--steps must be from 2 to 100") }
        }
        if let concurrencies, concurrencies.contains(where: { $0 < 1 || $0 > OptionBounds.maximumConcurrency }) {
            throw ValidationError("--concurrencies must be from 1 to \(OptionBounds.maximumConcurrency)")
        }
        guard startRate > 0, startRate.isFinite, rateLimit >= startRate,
            rateLimit <= OptionBounds.maximumRatePerSecond
        else {
            throw ValidationError(
                "--start-rate must be positive and at most --rate-limit (at most \(OptionBounds.maximumRatePerSecond))")
        }
        guard precision > 0, precision < 1 else { throw ValidationError("--precision must be between 0 and 100%") }
        guard pause.duration >= .zero else { throw ValidationError("--pause must be zero or more") }
        try OptionBounds.check("--pause", pause.duration)
    }

    /// The points the flags describe.
    var loads: SweepLoads {
        if let concurrencies { return .concurrencies(concurrencies) }
        switch rates {
        case .list(let list)?: return .rates(list)
        case .range(let low, let high)?: return .rates(SweepLoads.geometric(from: low, to: high, steps: steps ?? 8))
        case nil: return .findMaxRate(start: startRate, precision: precision, limit: rateLimit)
        }
    }
}

/// `--rates`: `10,20,50` or `10-500`.
enum RateList: Equatable {
    case list([Double])
    case range(Double, Double)

    static func parse(_ text: String) throws -> RateList {
        func rate(_ part: Substring) throws -> Double {
            guard let value = Double(part), value.isFinite, value > 0, value <= OptionBounds.maximumRatePerSecond
            else {
                throw ValidationError(
                    "\(part) is not a rate: give positive numbers up to \(OptionBounds.maximumRatePerSecond)")
            }
            return value
        }
        let bounds = text.split(separator: "-", omittingEmptySubsequences: false)
        if bounds.count == 2, !text.contains(",") {
            let (low, high) = (try rate(bounds[0]), try rate(bounds[1]))
            guard high > low else { throw ValidationError("a --rates range goes up: 10-500") }
            return .range(low, high)
        }
        return .list(try text.split(separator: ",", omittingEmptySubsequences: false).map(rate))
    }
}

/// A share of 1, written `0.05` or `5%`.
enum ShareArgument {
    static func parse(_ text: String) throws -> Double {
        let isPercent = text.hasSuffix("%")
        guard let number = Double(isPercent ? String(text.dropLast()) : text), number.isFinite else {
            throw ValidationError("\(text) is not a share: give 0.05 or 5%")
        }
        let share = isPercent ? number / 100 : number
        guard (0...1).contains(share) else { throw ValidationError("\(text) is not between 0 and 100%") }
        return share
    }
}
