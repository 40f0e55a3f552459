import Foundation
import LLMLoadCore
import LLMLoadMetrics
import LLMLoadReport
import LLMLoadScheduler
import Logging

/// Runs a sweep: one full run (``LoadRun``, every output as usual) per load, each in its own
/// folder inside the sweep's folder, judged against the sweep's goals as it ends.
///
/// Points that are clearly saturated end early (``SaturationWatch``); in a fixed list, the
/// points after a failed one at a higher load are skipped unless ``keepsGoing``. A stop request
/// (Ctrl-C) ends the current point as it ends a run, and the sweep with the points done.
public struct SweepRun: Sendable {
    /// Every run setting; each point replaces the load profile only.
    public var base: RunConfiguration
    public var loads: SweepLoads
    public var goals: SweepSummary.Goals
    /// The wait between points, so the server's queue drains.
    public var pause: Duration
    /// Run every point of a fixed list, even after one failed.
    public var keepsGoing = false
    /// After a point ends early, how long its requests in flight may finish before they are cancelled.
    public var earlyStopGrace: Duration = .seconds(5)
    public let stop: StopSignal
    public let logger: Logger
    /// One line before the load of each point, and the lines each run tells (prompt fitting).
    public let notify: @Sendable (String) -> Void

    public init(
        base: RunConfiguration, loads: SweepLoads, goals: SweepSummary.Goals, pause: Duration, stop: StopSignal,
        logger: Logger, notify: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.base = base
        self.loads = loads
        self.goals = goals
        self.pause = pause
        self.stop = stop
        self.logger = logger
        self.notify = notify
    }

    /// What a sweep produced; its folder holds one run folder per point.
    public struct Result: Sendable {
        public var summary: SweepSummary
        public var folder: URL
    }

    /// Runs the points. `pointEnded` is called as each point ends, with the sweep so far, so
    /// the caller can print it and write `sweep.json` after every point (nothing is lost if a
    /// later point crashes the machine).
    /// - Throws: what a run throws before its load starts (bad target, unwritable folder), and
    ///   only for the first point: later points' failures of that kind end the sweep, recorded.
    public func run(pointEnded: @Sendable (SweepSummary, URL) -> Void = { _, _ in }) async throws -> Result {
        let base = URL(fileURLWithPath: self.base.output.directory)
        try RunFolder.checkWritable(base: base)
        let startedAt = Date()
        let folder = try RunFolder.create(
            base: base, model: "sweep", label: self.base.output.label, startedAt: startedAt)
        var summary = SweepSummary(
            toolVersion: LoadRun.toolVersion, mode: loads.mode, startedAt: Self.timestamp(startedAt),
            endedAt: Self.timestamp(startedAt), interrupted: false, goals: goals, points: [])
        var search = loads.search
        var queue = loads.fixedProfiles(like: self.base.load.profile)
        let arrival = self.base.load.profile
        while let profile = search.map({ $0.next.map(arrival.atRate) }) ?? queue.first {
            if search == nil { queue.removeFirst() }
            if !summary.points.isEmpty { try? await Task.sleep(for: pause) }
            guard !stop.isRequested else { break }
            let point: SweepSummary.Point
            do {
                point = try await runPoint(profile, index: summary.points.count, in: folder.url)
            } catch {
                guard !summary.points.isEmpty else { throw error }
                logger.error("sweep point not run", metadata: ["reason": "\(error)"])
                break
            }
            summary.points.append(point)
            summary.endedAt = Self.timestamp(Date())
            search?.record(passed: point.passed)
            summary.found = search.map(Self.found)
            pointEnded(summary, folder.url)
            if stop.isRequested { break }
            if !point.passed, !keepsGoing, search == nil {
                let skipped = queue.filter { Self.isHeavier($0, than: profile) }
                queue.removeAll { Self.isHeavier($0, than: profile) }
                if !skipped.isEmpty {
                    let count = skipped.count
                    notify(
                        self.base.output.language == .zh
                            ? "跳过 \(count) 个更重的测试点；--keep-going 会运行它们"
                            : "skipping \(count) heavier point\(count == 1 ? "" : "s"); --keep-going runs them")
                }
            }
        }
        summary.interrupted = stop.isRequested
        summary.endedAt = Self.timestamp(Date())
        return Result(summary: summary, folder: folder.url)
    }

    static func isHeavier(_ profile: LoadProfile, than other: LoadProfile) -> Bool {
        switch (profile, other) {
        case (.closedLoop(let users, _), .closedLoop(let others, _)): users > others
        default: (profile.peakRatePerSecond ?? 0) > (other.peakRatePerSecond ?? 0)
        }
    }

    static func found(_ search: MaxRateSearch) -> SweepSummary.Found {
        let evidence: SweepSummary.Text
        switch (search.highestPassing, search.lowestFailing) {
        case (let low?, let high?):
            evidence = .init(
                "passed at \(low) req/s and failed at \(high) req/s: the maximum lies between",
                zh: "\(low) 请求/秒通过，\(high) 请求/秒未通过：最大值在两者之间")
        case (let low?, nil):
            evidence = .init(
                "passed at every rate tried, up to the search's limit of \(low) req/s",
                zh: "尝试的每个速率都通过，直到搜索上限 \(low) 请求/秒")
        case (nil, let high?):
            evidence = .init(
                "failed even at \(high) req/s, the lowest rate tried", zh: "即使在尝试的最低速率 \(high) 请求/秒也未通过")
        case (nil, nil): evidence = .init("no point was run", zh: "没有运行任何测试点")
        }
        return .init(
            maxRatePerS: search.highestPassing, firstFailingRatePerS: search.lowestFailing,
            precisionReached: search.precisionReached, evidence: evidence)
    }

    static func timestamp(_ date: Date) -> String { DateText.iso8601(date) }
}

extension SweepLoads {
    /// The search of `findMaxRate`; `nil` for the fixed lists.
    var search: MaxRateSearch? {
        if case .findMaxRate(let start, let precision, let limit) = self {
            return MaxRateSearch(start: start, precision: precision, limit: limit)
        }
        return nil
    }

    /// The profiles of a fixed list, in `base`'s pattern (``LoadProfile/atRate(_:)``,
    /// ``LoadProfile/withUsers(_:)``); empty for the search.
    func fixedProfiles(like base: LoadProfile) -> [LoadProfile] {
        switch self {
        case .rates(let rates): rates.map(base.atRate)
        case .concurrencies(let users): users.map(base.withUsers)
        case .findMaxRate: []
        }
    }
}

extension LoadProfile {
    /// This open-loop pattern at `rate`: Poisson keeps its seed, gamma its seed and shape;
    /// anything else becomes constant.
    func atRate(_ rate: Double) -> LoadProfile {
        switch self {
        case .poisson(_, let seed): .poisson(ratePerSecond: rate, seed: seed)
        case .gamma(_, let k, let seed): .gamma(ratePerSecond: rate, burstiness: k, seed: seed)
        // A sweep refuses --trace: a trace has no rate to set.
        case .constant, .ramp, .closedLoop, .trace: .constant(ratePerSecond: rate)
        }
    }

    /// A closed loop of `users`, with this closed loop's think time (none otherwise).
    func withUsers(_ users: Int) -> LoadProfile {
        if case .closedLoop(_, let thinkTime) = self { return .closedLoop(users: users, thinkTime: thinkTime) }
        return .closedLoop(users: users, thinkTime: .zero)
    }
}
