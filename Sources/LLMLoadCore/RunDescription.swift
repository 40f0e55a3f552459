/// Everything that says what a run was, resolved once after target discovery: the tool, the
/// target as asked and as found, the load profile, what each request asked, where prompts came
/// from and how they were fitted, the monitor and the machine.
///
/// Written whole as `config.json` (before the first request, so a run cut short still says how
/// it was set up) and embedded unchanged in `summary.json` as `run_description`, so the two
/// files cannot disagree and no setting is written under two names. `summary.json` adds only
/// what was measured. Never holds the API key: only whether one was given.
public struct RunDescription: Sendable, Codable, Equatable {
    /// The layout of `config.json` and `summary.json` together; bumped on any breaking change
    /// to either. 1: the two files each had their own copy of the settings.
    public static let currentSchemaVersion = 2

    public var schemaVersion: Int
    public var tool: Tool
    /// The command line, with any API key replaced.
    public var commandLine: [String]
    public var target: Target
    public var load: Load
    public var requests: Requests
    /// The `--slo` bounds; absent without `--slo`.
    public var objectives: Objectives?
    /// How the synthetic prompts were fitted (`--input-tokens`); the `num_ctx` sent with them is
    /// `requests.numCtx`.
    public var inputCalibration: InputCalibration?
    /// What the resource monitor was asked to watch (its interval is `resources.sample_interval_ms`
    /// of `summary.json`, beside the samples).
    public var monitor: Monitor?
    public var output: Output
    public var host: HostFacts
    /// What the pre-flight check found on the server before the load (``PreflightFinding``);
    /// absent for runs made before it existed.
    public var preflight: [PreflightFinding]?

    public init(
        tool: Tool, commandLine: [String] = [], target: Target, load: Load, requests: Requests,
        objectives: Objectives? = nil, inputCalibration: InputCalibration? = nil, monitor: Monitor? = nil,
        output: Output, host: HostFacts
    ) {
        schemaVersion = Self.currentSchemaVersion
        self.tool = tool
        self.commandLine = commandLine
        self.target = target
        self.load = load
        self.requests = requests
        self.objectives = objectives
        self.inputCalibration = inputCalibration
        self.monitor = monitor
        self.output = output
        self.host = host
    }

    /// The program that ran the load.
    public struct Tool: Sendable, Codable, Equatable {
        public var name: String
        public var version: String

        public init(name: String = "llmload", version: String) {
            self.name = name
            self.version = version
        }
    }

    /// The server: what was found (`api`, `model` after discovery) and what was asked.
    public struct Target: Sendable, Codable, Equatable {
        public var url: String
        /// The API used: as given with `--api`, or as detected.
        public var api: String
        /// The model used: as given with `--model`, or the only one the server listed.
        public var model: String
        public var serverVersion: String?
        public var simulated: Bool
        public var apiKeyGiven: Bool
        /// `false` when TLS certificates were not verified (`--insecure`).
        public var tlsVerified: Bool
        /// `--api` and `--model` as given; absent when they were detected from the server.
        public var requestedApi: String?
        public var requestedModel: String?
        /// Every replica, `url` first, when `--url` was given more than once; absent for one server.
        public var replicas: [Replica]?
        /// How requests were spread over the replicas (`round-robin`, `least-in-flight`);
        /// absent for one server.
        public var balance: String?

        public init(
            url: String, api: String, model: String, serverVersion: String? = nil, simulated: Bool,
            apiKeyGiven: Bool = false, tlsVerified: Bool = true, requestedApi: String? = nil,
            requestedModel: String? = nil
        ) {
            self.url = url
            self.api = api
            self.model = model
            self.serverVersion = serverVersion
            self.simulated = simulated
            self.apiKeyGiven = apiKeyGiven
            self.tlsVerified = tlsVerified
            self.requestedApi = requestedApi
            self.requestedModel = requestedModel
        }
    }

    /// How requests were paced and for how long. Exactly one of `ratePerS` (constant, Poisson, gamma),
    /// `ramp`, `concurrency` (closed loop) is present: the profile's rate is stated once, in its
    /// own terms, never as a peak in one place and a mean in another.
    public struct Load: Sendable, Codable, Equatable {
        /// `constant@5.00`, `poisson@5.00`, `gamma@5.00(k=0.5)`, `ramp@10.00-500.00/60s`,
        /// `concurrency@8` or `trace@<file>`.
        public var pattern: String
        /// The constant, Poisson or gamma mean rate; absent for a ramp and the closed loop.
        public var ratePerS: Double?
        /// The ramp's rates and span; absent for the other profiles.
        public var ramp: Ramp?
        /// The Poisson or gamma arrivals' seed; absent for the other profiles.
        public var seed: UInt64?
        /// The gamma arrivals' shape k (`--burstiness`: 1 is Poisson, smaller is burstier);
        /// absent for the other profiles.
        public var burstiness: Double?
        /// The open loop's cap on requests in flight (`--max-in-flight`); absent without one.
        public var maxInFlight: Int?
        /// The closed loop's users and think time; absent for the open-loop profiles.
        public var concurrency: Int?
        public var thinkTimeS: Double?
        /// The turns of each closed-loop user's conversations (`--turns`); absent when every
        /// request stands alone.
        public var turns: Int?
        /// The measured part of the schedule, after the warm-up.
        public var durationS: Double
        public var maxRequests: Int?
        /// The warm-up before the measured load, as a time or a number of requests.
        public var warmupS: Double?
        public var warmupRequests: Int?
        public var drainTimeoutS: Double
        /// Present when the run is one shard of a load sent from several processes; the other
        /// fields then describe the whole load, of which this shard sent its share.
        public var shard: ShardPart?
        /// Present when the run replayed a trace (`--trace`): its file, format, speed, window
        /// and entries. The prompt and answer lengths were the trace's.
        public var trace: TracePart?

        public init(
            pattern: String, ratePerS: Double? = nil, ramp: Ramp? = nil, seed: UInt64? = nil,
            burstiness: Double? = nil, maxInFlight: Int? = nil, concurrency: Int? = nil, thinkTimeS: Double? = nil,
            durationS: Double, maxRequests: Int? = nil,
            warmupS: Double? = nil, warmupRequests: Int? = nil, drainTimeoutS: Double
        ) {
            self.pattern = pattern
            self.ratePerS = ratePerS
            self.ramp = ramp
            self.seed = seed
            self.burstiness = burstiness
            self.maxInFlight = maxInFlight
            self.concurrency = concurrency
            self.thinkTimeS = thinkTimeS
            self.durationS = durationS
            self.maxRequests = maxRequests
            self.warmupS = warmupS
            self.warmupRequests = warmupRequests
            self.drainTimeoutS = drainTimeoutS
        }

        /// A rate rising (or falling) linearly from `startRatePerS` to `endRatePerS` over `rampS`,
        /// then holding at `endRatePerS`.
        public struct Ramp: Sendable, Codable, Equatable {
            public var startRatePerS: Double
            public var endRatePerS: Double
            public var rampS: Double

            public init(startRatePerS: Double, endRatePerS: Double, rampS: Double) {
                self.startRatePerS = startRatePerS
                self.endRatePerS = endRatePerS
                self.rampS = rampS
            }
        }
    }

    /// What each request asked, and where its prompt came from.
    public struct Requests: Sendable, Codable, Equatable {
        /// The prompt given with `--prompt`; `nil` for the built-in set or a file.
        public var prompt: String?
        /// `--prompts`, `--template`, `--shuffle-seed`.
        public var promptFile: String?
        public var template: String?
        public var shuffleSeed: UInt64?
        /// Each prompt started with a tag unique to the request (`--no-unique-prompts` turns it off).
        public var uniquePrefix: Bool
        /// `--input-tokens` as given, `--shared-prefix`, the corpus (`built-in` or a path) and
        /// the seed of lengths and corpus places; absent without `--input-tokens`.
        public var inputTokens: String?
        public var sharedPrefixTokens: Int?
        public var corpus: String?
        public var inputSeed: UInt64?
        /// Ollama `num_ctx` sent with every request; absent when the server's default was kept.
        public var numCtx: Int?
        public var maxTokens: Int?
        public var stream: Bool
        public var temperature: Double?
        public var topP: Double?
        public var seed: Int?
        public var keepAlive: String?
        public var stop: [String]
        public var ignoreEos: Bool
        /// `true`/`false` as `--think on/off` sent; absent: nothing sent (`auto`).
        public var think: Bool?
        public var timeoutS: Double

        /// The defaults of `llmload run`: built-in prompts, streamed, 300 s timeout.
        public init(maxTokens: Int? = nil, stream: Bool = true, timeoutS: Double = 300) {
            uniquePrefix = true
            self.maxTokens = maxTokens
            self.stream = stream
            stop = []
            ignoreEos = false
            self.timeoutS = timeoutS
        }
    }

    /// The `--slo` bounds, in milliseconds.
    public struct Objectives: Sendable, Codable, Equatable {
        public var ttftMs: Double?
        public var tpotMs: Double?
        public var e2eMs: Double?

        public init(ttftMs: Double? = nil, tpotMs: Double? = nil, e2eMs: Double? = nil) {
            self.ttftMs = ttftMs
            self.tpotMs = tpotMs
            self.e2eMs = e2eMs
        }
    }

    /// What the resource monitor was asked to read, as given on the command line.
    public struct Monitor: Sendable, Codable, Equatable {
        /// `--monitor-pid` or `--monitor-process`; absent when no process was watched.
        public var processPid: Int32?
        public var processName: String?
        /// `all`, `none` or the NVML indices, comma-separated (`0,2`).
        public var gpus: String
        /// `--server-metrics` as asked: `auto`, `off` or the URL given; absent in files from
        /// before it existed. What was scraped is `summary.json` `server_metrics.url`.
        public var serverMetrics: String?

        public init(
            processPid: Int32? = nil, processName: String? = nil, gpus: String = "all", serverMetrics: String? = nil
        ) {
            self.processPid = processPid
            self.processName = processName
            self.gpus = gpus
            self.serverMetrics = serverMetrics
        }
    }

    /// Where the run wrote.
    public struct Output: Sendable, Codable, Equatable {
        /// The run's own folder.
        public var folder: String
        /// `--label`, appended to the folder's name.
        public var label: String?

        public init(folder: String, label: String? = nil) {
            self.folder = folder
            self.label = label
        }
    }
}
