import LLMLoadCore

/// A sweep of runs at several loads, as written to `sweep.json` (schema in
/// `docs/results-schema.md`): per point the load offered, what the server achieved, its
/// latency percentiles and resources, and whether it met the goals; in `find-max-rate` mode,
/// the highest rate found and the evidence. Each point's own run folder holds everything else.
public struct SweepSummary: Sendable, Codable, Equatable {
    /// Bumped on any breaking change to the layout of `sweep.json`.
    public static let currentSchemaVersion = 1

    /// How the loads of a sweep were chosen.
    public enum Mode: String, Sendable, Codable {
        /// The open-loop rates given (`--rates`).
        case rates
        /// The closed-loop user counts given (`--concurrencies`).
        case concurrencies
        /// Rates grown geometrically until one fails, then bisected (`--find max-rate`).
        case findMaxRate = "find-max-rate"
    }

    public var schemaVersion = SweepSummary.currentSchemaVersion
    public var toolVersion: String
    public var mode: Mode
    /// Wall-clock labels (ISO 8601, UTC).
    public var startedAt: String
    public var endedAt: String
    /// `true` when the user stopped the sweep: the points done are kept.
    public var interrupted: Bool
    /// The goals a point must meet to pass (``Point/passed``).
    public var goals: Goals
    /// In the order they ran.
    public var points: [Point]
    /// `find-max-rate` only: the rate found.
    public var found: Found?

    public init(
        toolVersion: String, mode: Mode, startedAt: String, endedAt: String, interrupted: Bool, goals: Goals,
        points: [Point], found: Found? = nil
    ) {
        self.toolVersion = toolVersion
        self.mode = mode
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.interrupted = interrupted
        self.goals = goals
        self.points = points
        self.found = found
    }

    /// What a point must do to pass.
    public struct Goals: Sendable, Codable, Equatable {
        /// The latency bounds (`--slo`); absent: no latency goal.
        public var objectives: RunDescription.Objectives?
        /// The share of requests that must meet every bound (`--goodput`).
        public var goodputShare: Double?
        /// Above this share of failed requests a point fails and ends early (`--max-error-rate`).
        public var maxErrorRate: Double
        /// The share of the requests sent that the server must complete while the load is
        /// steady (``Point/keptUpShare``).
        public var minKeptUpShare: Double
        /// `find-max-rate`: the search stops when the bracket is this narrow, relative to its low end.
        public var precision: Double?

        public init(
            objectives: RunDescription.Objectives?, goodputShare: Double?, maxErrorRate: Double,
            minKeptUpShare: Double, precision: Double?
        ) {
            self.objectives = objectives
            self.goodputShare = goodputShare
            self.maxErrorRate = maxErrorRate
            self.minKeptUpShare = minKeptUpShare
            self.precision = precision
        }
    }

    /// The 50th, 90th and 99th percentiles of one metric at one point.
    public struct Percentiles: Sendable, Codable, Equatable {
        public var p50: Double
        public var p90: Double
        public var p99: Double

        public init(p50: Double, p90: Double, p99: Double) {
            self.p50 = p50
            self.p90 = p90
            self.p99 = p99
        }
    }

    /// One run of the sweep.
    public struct Point: Sendable, Codable, Equatable {
        /// From 0, in the order the points ran.
        public var index: Int
        /// The point's run folder, relative to the sweep folder.
        public var folder: String
        /// The open-loop rate offered; absent for a closed loop.
        public var offeredRatePerS: Double?
        /// The closed loop's users; absent for an open loop.
        public var concurrency: Int?
        /// Successful requests per second over the run's window (`throughput.requests_per_s`).
        public var achievedRatePerS: Double?
        /// Successful requests per second while the load was steady: from the end of the first
        /// answer's latency to the end of sending, the drain left out.
        public var steadyRatePerS: Double?
        /// Over the same seconds, requests completed per request sent: below
        /// ``Goals/minKeptUpShare`` the server fell behind (a growing backlog). Absent for a
        /// closed loop.
        public var keptUpShare: Double?
        /// llmload's own event loops ran late in this point (`client.saturated`): its latencies
        /// are partly the client's. Shown beside the verdict; it does not decide it, since
        /// ``keptUpShare`` is measured against what was sent, so a late client does not make
        /// the server look saturated.
        public var clientSaturated = false
        /// The client's own CPU over the point, in cores (`client.cpu_cores`); absent where not
        /// measured, and in files from before it existed. (`Cpu`, not `CPU`: read back, the key
        /// `client_cpu_cores` names `clientCpuCores`.)
        public var clientCpuCores: Double?
        /// Measured requests, and how many succeeded.
        public var requests: Int
        public var succeeded: Int
        public var errorRate: Double?
        public var outputTokensPerS: Double?
        /// What one user sees: the median decode speed of a request (tokens/s).
        public var perUserTokensPerS: Double?
        /// The share of requests that met every bound; absent without `--slo`.
        public var goodputShare: Double?
        /// P50/P90/P99 by metric id (`ttft_ms`, `e2e_ms`, `itl_ms`, `tpot_ms`, …).
        public var latency: [String: Percentiles]
        public var cpuMaxPercent: Double?
        public var gpuUtilizationMaxPercent: Double?
        public var gpuMemoryMaxBytes: Double?
        /// Why the point ended before its duration; absent when it ran to the end.
        public var stopReason: String?
        /// The same in Chinese; absent in files from before it existed.
        public var chineseStopReason: String?
        /// Whether the point met every goal: no early stop, errors within bound, the server kept
        /// up, and (with `--slo`) the goodput share reached.
        public var passed: Bool
        /// Why it failed, in one line; absent when it passed.
        public var failedBecause: String?
        /// The same in Chinese; absent in files from before it existed.
        public var chineseFailedBecause: String?

        public init(
            index: Int, folder: String, offeredRatePerS: Double?, concurrency: Int?, requests: Int, succeeded: Int,
            latency: [String: Percentiles], passed: Bool
        ) {
            self.index = index
            self.folder = folder
            self.offeredRatePerS = offeredRatePerS
            self.concurrency = concurrency
            self.requests = requests
            self.succeeded = succeeded
            self.latency = latency
            self.passed = passed
        }
    }

    /// The result of `find-max-rate`.
    public struct Found: Sendable, Codable, Equatable {
        /// The highest rate that passed; absent when even the first rate failed.
        public var maxRatePerS: Double?
        /// The lowest rate that failed; absent when no rate failed up to the search's limit.
        public var firstFailingRatePerS: Double?
        /// The bracket's width relative to its low end when the search ended.
        public var precisionReached: Double?
        /// One line: what was found and why it can be trusted (or why not).
        public var evidence: String
        /// The same in Chinese; absent in files from before it existed.
        public var chineseEvidence: String?

        public init(
            maxRatePerS: Double?, firstFailingRatePerS: Double?, precisionReached: Double?, evidence: SweepSummary.Text
        ) {
            self.maxRatePerS = maxRatePerS
            self.firstFailingRatePerS = firstFailingRatePerS
            self.precisionReached = precisionReached
            self.evidence = evidence.en
            chineseEvidence = evidence.zh
        }
    }
}
