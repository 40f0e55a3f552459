import Foundation
import LLMLoadCore
import LLMLoadMetrics
import LLMLoadScheduler
import Synchronization

extension SweepRun {
    /// Runs one point: the base configuration with `profile`, written into `folder`, watched
    /// for saturation. The sweep's stop request is passed on to the point's own run.
    func runPoint(_ profile: LoadProfile, index: Int, in folder: URL) async throws -> SweepSummary.Point {
        var configuration = base
        configuration.load.profile = profile
        configuration.output.directory = folder.path
        configuration.output.label = Self.pointLabel(index: index, profile: profile)
        let seconds = configuration.load.duration.seconds
        notify(
            base.output.language == .zh
                ? "测试点 \(index + 1)：\(profile.label)，持续 \(seconds) 秒"
                : "point \(index + 1): \(profile.label) for \(seconds) s")

        let pointStop = StopSignal()
        let forward = Task { [stop] in
            await stop.stopSending.wait()
            guard !Task.isCancelled else { return }
            pointStop.request()
            await stop.stopNow.wait()
            guard !Task.isCancelled else { return }
            pointStop.request()
        }
        defer { forward.cancel() }
        let watch = Mutex(
            SaturationWatch(offeredRatePerSecond: profile.peakRatePerSecond, maxErrorRate: goals.maxErrorRate))
        let earlyStop = Mutex<SweepSummary.Text?>(nil)
        let grace = earlyStopGrace
        let run = LoadRun(configuration: configuration, stop: pointStop, logger: logger, notify: notify)
        let result = try await run.run(progressInterval: .seconds(1)) { snapshot in
            guard let reason = watch.withLock({ $0.observe(snapshot) }) else { return }
            let isFirst = earlyStop.withLock { stored in
                defer { stored = stored ?? reason }
                return stored == nil
            }
            guard isFirst else { return }
            pointStop.request()
            // A saturated server may hold its queue for minutes: the backlog is not waited out.
            Task {
                try? await Task.sleep(for: grace)
                pointStop.request()
            }
        }
        let reason = earlyStop.withLock { $0 }
        return SweepSummary.Point(
            index: index, folder: result.folder.lastPathComponent, summary: result.summary, goals: goals,
            stopReason: reason ?? (stop.isRequested ? .interrupted : nil))
    }

    /// `point-03-8rps` or `point-03-16users`: the point's order and load in its folder's name.
    static func pointLabel(index: Int, profile: LoadProfile) -> String {
        let order = index < 10 ? "0\(index)" : "\(index)"
        if case .closedLoop(let users, _) = profile { return "point-\(order)-\(users)users" }
        let rate = profile.peakRatePerSecond ?? 0
        let text = rate == rate.rounded() ? "\(Int(rate))" : "\((rate * 1000).rounded() / 1000)"
        return "point-\(order)-\(text)rps"
    }
}
