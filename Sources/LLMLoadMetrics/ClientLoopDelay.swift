import LLMLoadCore

/// How late the client's own event loops ran through a run, and whether that made its
/// measurements unreliable: the client was **saturated**.
///
/// Every instant of a response (first token, each chunk, the end) is taken on the event loop
/// that reads the connection. A loop busy with other work reads a chunk late and stamps it
/// late, and chunks that waited together get one instant: TTFT grows, inter-token gaps
/// collapse to zero and decode speeds soar. A probe wakes on every loop at instants fixed in
/// advance (origin + k × ``probeInterval``) and records how late it ran.
///
/// A loop that ran late past later instants too missed them: each missed instant is recorded
/// with its own delay (a 300 ms stall gives 300, 290, … 10 ms, not one sample), so the samples
/// describe the loop's state over time, and "P99 above the bound" means "late by more than the
/// bound for over 1 % of the time". This is HdrHistogram's expected-interval correction, right
/// for a sampler of time, wrong for request latencies (STYLE M3).
public struct ClientLoopDelay: Sendable {
    /// Between two wake-ups of the probe on one loop: 100 a second, cheap on any loop.
    public static let probeInterval = Duration.milliseconds(10)
    /// A loop delay whose P99 above this distorts the figures: instants taken on the loop are
    /// then late by more than a millisecond for over 1 % of the time, more than the transit the
    /// tool otherwise adds (under 0.5 ms, docs/MeasuringCorrectly.md).
    public static let bound = Duration.milliseconds(1)
    /// Seconds, behind the latest sample, whose delays are still held as values (for their P99).
    public static let openSeconds = 10

    /// The measured window starts here (after a warm-up of that span); samples before it count
    /// only in their seconds.
    public let measuredFrom: Duration
    /// Delays in the measured window, in milliseconds.
    public private(set) var measured = Distribution.milliseconds()
    /// Delays in the measured window above ``bound``.
    public private(set) var measuredOverBound = 0
    private var seconds: [Second] = []
    private var latestSecond = 0

    /// One second's samples: exact counts and maximum, and the values while the second is recent.
    private struct Second: Sendable {
        var samples = 0
        var overBound = 0
        var maximumMs = 0.0
        var valuesMs: [Double] = []
        var p99Ms: Double?
        var isReduced = false

        mutating func reduce() {
            guard !isReduced else { return }
            p99Ms = ClientLoopDelay.p99(valuesMs)
            valuesMs = []
            isReduced = true
        }
    }

    /// - Parameter measuredFrom: the offset from the run's origin where the measured window
    ///   starts (the warm-up's span).
    public init(measuredFrom: Duration = .zero) {
        self.measuredFrom = measuredFrom
    }

    /// Records that the probe due at `offset` from the run's origin ran `delay` late.
    public mutating func record(delay: Duration, at offset: Duration) {
        let milliseconds = delay.milliseconds
        let isOver = delay > Self.bound
        if offset >= measuredFrom {
            measured.record(milliseconds)
            if isOver { measuredOverBound += 1 }
        }
        let second = max(0, Int(offset.seconds.rounded(.down)))
        while seconds.count <= second { seconds.append(Second()) }
        seconds[second].samples += 1
        if isOver { seconds[second].overBound += 1 }
        seconds[second].maximumMs = max(seconds[second].maximumMs, milliseconds)
        // A late sample of a reduced second still counts exactly; only its P99 leaves it out.
        if !seconds[second].isReduced { seconds[second].valuesMs.append(milliseconds) }
        if second > latestSecond {
            latestSecond = second
            for old in seconds.indices where old < second - Self.openSeconds { seconds[old].reduce() }
        }
    }

    /// Whether the nearest-rank P99 of `samples` values, `overBound` of which lie above the
    /// bound, is above it. Decided from exact counts, so it needs no values.
    public static func exceedsBound(samples: Int, overBound: Int) -> Bool {
        guard samples > 0 else { return false }
        // The P99 is the value of rank ⌈0.99 n⌉: above the bound when fewer values lie at or below it.
        let rank = (99 * samples + 99) / 100
        return samples - overBound < rank
    }

    /// Whether the client was saturated over the measured window.
    public var isSaturated: Bool { Self.exceedsBound(samples: measured.count, overBound: measuredOverBound) }

    /// The share of one second's samples that must be late past ``bound`` to mark the second
    /// saturated: its P95 above the bound, where the whole window uses its P99.
    ///
    /// A second holds about 100 samples a loop, so its P99 is its second- or third-latest sample:
    /// one hiccup of the machine (a virtual CPU descheduled for 25 ms, a page-cache flush) marked
    /// light runs at 20 req/s as saturated in one second of two. Saturation is the loop behind
    /// for a stretch of time: 5 % of a second is 50 ms of lateness on every loop, or the loop late
    /// throughout, which a hiccup is not.
    public static let secondShareOverBound = 0.05

    /// Whether more than ``secondShareOverBound`` of a second's `samples` were over the bound.
    public static func secondExceedsBound(samples: Int, overBound: Int) -> Bool {
        samples > 0 && Double(overBound) > secondShareOverBound * Double(samples)
    }

    /// One second of the run, as the time series shows it.
    public struct SecondFigures: Sendable, Equatable {
        public var second: Int
        /// Nearest-rank P99 of the delays held for this second; `nil` without samples.
        public var p99Ms: Double?
        public var maximumMs: Double?
        /// More than ``ClientLoopDelay/secondShareOverBound`` of this second's delays are above
        /// ``ClientLoopDelay/bound``.
        public var isSaturated: Bool
    }

    /// Every second from the origin to the last sample.
    public var perSecond: [SecondFigures] {
        seconds.enumerated().map { index, second in
            var second = second
            second.reduce()
            return SecondFigures(
                second: index, p99Ms: second.p99Ms, maximumMs: second.samples > 0 ? second.maximumMs : nil,
                isSaturated: Self.secondExceedsBound(samples: second.samples, overBound: second.overBound))
        }
    }

    /// Nearest-rank P99 of `values`; `nil` when empty.
    static func p99(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let rank = (99 * values.count + 99) / 100
        return values.sorted()[rank - 1]
    }
}
